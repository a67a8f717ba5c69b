import Foundation
import YesanCore

/// The Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of an ascending sample against `cdf`.
func ksStatistic(_ sorted: [Double], cdf: (Double) -> Double) -> Double {
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
    }
    return d
}

/// The p-value of a KS statistic `d` from `n` values: the Kolmogorov limit distribution with
/// Stephens' correction λ = (√n + 0.12 + 0.11/√n)·d, Q(λ) = 2 Σ (−1)^(k−1) exp(−2k²λ²).
/// At n = 10⁶ the correction is immaterial and the asymptotic law is exact to ~1e-3 of p.
func ksPValue(_ d: Double, n: Int) -> Double {
    let root = Double(n).squareRoot()
    let lambda = (root + 0.12 + 0.11 / root) * d
    if lambda < 0.2 { return 1 }
    var sum = 0.0
    for k in 1...200 {
        let kk = Double(k)
        let term = 2 * (k % 2 == 1 ? 1.0 : -1.0) * exp(-2 * kk * kk * lambda * lambda)
        sum += term
        if abs(term) < 1e-17 { break }
    }
    return min(max(sum, 0), 1)
}

/// The upper-tail probability of a chi-square statistic with k degrees of freedom: Q(k/2, x/2).
func chiSquarePValue(_ x: Double, degreesOfFreedom k: Int) -> Double {
    SpecialFunctions.regularizedGammaQ(Double(k) / 2, x / 2)
}

/// Sample mean, unbiased variance and the fourth central moment (for the SE of the variance).
func moments(_ xs: [Double]) -> (mean: Double, variance: Double, m4: Double) {
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    var s2 = 0.0, s4 = 0.0
    for x in xs {
        let d = (x - mean) * (x - mean)
        s2 += d
        s4 += d * d
    }
    return (mean, s2 / (n - 1), s4 / n)
}

/// Pearson correlation of two equal-length samples.
func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for (x, y) in zip(a, b) {
        sab += (x - ma) * (y - mb)
        saa += (x - ma) * (x - ma)
        sbb += (y - mb) * (y - mb)
    }
    return sab / (saa * sbb).squareRoot()
}
