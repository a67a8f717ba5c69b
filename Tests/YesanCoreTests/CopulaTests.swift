import Testing
import YesanCore

@Suite("Gaussian copula and AR(1) (SPEC 3.2–3.3)")
struct CopulaTests {
    // Given out of order on purpose: the copula orders by code points (물 U+BB3C < 임 U+C784 < 집 U+C9D1).
    static let names = ["집행률", "임금상승률", "물가상승률"]
    static let pairs: [(String, String, Double)] = [("임금상승률", "물가상승률", 0.6), ("집행률", "임금상승률", -0.3), ("물가상승률", "집행률", 0.2)]
    static let marginals: [Distribution] = [
        try! .normal(mean: 0.02, sd: 0.005),         // 물가상승률
        try! .normal(mean: 0.035, sd: 0.01),         // 임금상승률
        try! .beta(mean: 0.92, sd: 0.03),            // 집행률
    ]

    @Test("drivers are ordered by code points; R is symmetric with a unit diagonal")
    func ordering() throws {
        let copula = try GaussianCopula(names: Self.names, pairs: Self.pairs)
        #expect(copula.names == ["물가상승률", "임금상승률", "집행률"])
        let r = copula.correlation
        #expect(r[0, 1] == 0.6 && r[1, 0] == 0.6 && r[1, 2] == -0.3 && r[0, 2] == 0.2 && r[2, 2] == 1)
        #expect(!copula.isRepaired)
        let reversed = try GaussianCopula(names: Self.names.reversed(), pairs: Self.pairs.reversed())
        #expect(reversed.correlation == r)
    }

    /// 10⁶ trials: latent Pearson correlations within 0.005 of R (the SE of r at this N is
    /// (1 − r²)/√N ≤ 0.001, so 0.005 is ≥ 5 SE), and every marginal unchanged (KS p > 0.001).
    @Test("10⁶ correlated draws reproduce R within 0.005; marginals unchanged")
    func correlatedSample() throws {
        let copula = try GaussianCopula(names: Self.names, pairs: Self.pairs)
        let n = 1_000_000
        let keys = copula.names.map { StreamKey(seed: 20_251_123, identity: "driver:\($0)") }
        var latent = [[Double]](repeating: [Double](repeating: 0, count: n), count: 3)
        var values = latent
        var e = [0.0, 0.0, 0.0]
        for t in 0..<n {
            for i in 0..<3 {
                var s = RandomStream(key: keys[i], trial: UInt64(t))
                e[i] = standardNormal(using: &s)
            }
            copula.correlate(&e)
            for i in 0..<3 {
                latent[i][t] = e[i]
                values[i][t] = Self.marginals[i].value(atLatentNormal: e[i])
            }
        }
        for i in 0..<3 {
            for j in (i + 1)..<3 {
                let r = pearson(latent[i], latent[j])
                #expect(abs(r - copula.correlation[i, j]) <= 0.005, "corr(\(copula.names[i]), \(copula.names[j])) = \(r)")
            }
        }
        for i in 0..<3 {
            let sorted = values[i].sorted()
            let p = ksPValue(ksStatistic(sorted, cdf: Self.marginals[i].cdf), n: n)
            #expect(p > 0.001, "\(copula.names[i]): KS p = \(p)")
        }
    }

    /// AR(1) with ρ = 0.5 over five years: lag-1 correlation within 0.005 of ρ, lag-2 of ρ²,
    /// the latent path stays N(0, 1), and a gamma marginal mapped from it is unchanged (KS).
    /// Two drivers with r = 0.6 in a copula, one with ρ = 0.5 and one with ρ = 0: their
    /// correlation is r in the base year and r·√(1 − ρ²) afterwards (SPEC 3.3).
    @Test("AR(1) lag-1 correlation within 0.005 of rho; marginals unchanged; copula on innovations")
    func autoregression() throws {
        let n = 1_000_000, years = 5, rho = 0.5
        let copula = try GaussianCopula(names: ["a", "b"], pairs: [("a", "b", 0.6)])
        let keys = ["a", "b"].map { StreamKey(seed: 7, identity: "driver:\($0)") }
        var pathA = [[Double]](repeating: [Double](repeating: 0, count: n), count: years)
        var pathB = pathA
        var innovationsA = [Double](repeating: 0, count: years)
        var innovationsB = innovationsA
        var e = [0.0, 0.0]
        for t in 0..<n {
            for y in 0..<years {
                for i in 0..<2 {
                    var s = RandomStream(key: keys[i], trial: UInt64(t), year: UInt32(y))
                    e[i] = standardNormal(using: &s)
                }
                copula.correlate(&e)
                innovationsA[y] = e[0]
                innovationsB[y] = e[1]
            }
            AR1.apply(rho: rho, to: &innovationsA)
            AR1.apply(rho: 0, to: &innovationsB)
            for y in 0..<years {
                pathA[y][t] = innovationsA[y]
                pathB[y][t] = innovationsB[y]
            }
        }
        #expect(abs(pearson(pathA[2], pathA[3]) - rho) <= 0.005)
        #expect(abs(pearson(pathA[0], pathA[1]) - rho) <= 0.005)
        #expect(abs(pearson(pathA[1], pathA[3]) - rho * rho) <= 0.005)
        #expect(abs(pearson(pathA[0], pathB[0]) - 0.6) <= 0.005)
        #expect(abs(pearson(pathA[3], pathB[3]) - 0.6 * (1 - rho * rho).squareRoot()) <= 0.005)
        let standard = try Distribution.normal(mean: 0, sd: 1)
        let p = ksPValue(ksStatistic(pathA[4].sorted(), cdf: standard.cdf), n: n)
        #expect(p > 0.001, "latent year 4 not N(0, 1): KS p = \(p)")
        let gamma = try Distribution.gamma(shape: 2.5, scale: 3)
        let mapped = pathA[3].map { gamma.value(atLatentNormal: $0) }.sorted()
        let pg = ksPValue(ksStatistic(mapped, cdf: gamma.cdf), n: n)
        #expect(pg > 0.001, "gamma marginal through AR(1): KS p = \(pg)")
    }

    @Test("not positive definite: the offending drivers are named and the nearest matrix given")
    func notPositiveDefinite() throws {
        // a, b, c cannot hold together; d is unrelated and must not be blamed.
        let pairs: [(String, String, Double)] = [("a", "b", 0.9), ("b", "c", 0.9), ("a", "c", -0.9), ("a", "d", 0.1)]
        do {
            _ = try GaussianCopula(names: ["d", "c", "b", "a"], pairs: pairs)
            Issue.record("expected notPositiveDefinite")
        } catch {
            guard case .notPositiveDefinite(let drivers, let nearest) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(drivers == ["a", "b", "c"])
            #expect(nearest.isPositiveDefinite)
            for i in 0..<4 { #expect(nearest[i, i] == 1) }
        }
        let repaired = try GaussianCopula(names: ["a", "b", "c", "d"], pairs: pairs, repair: true)
        #expect(repaired.isRepaired && repaired.correlation.isPositiveDefinite)
        var r = Matrix.identity(4)
        for (a, b, v) in pairs {
            let i = Int(a.unicodeScalars.first!.value - 97), j = Int(b.unicodeScalars.first!.value - 97)
            r[i, j] = v
            r[j, i] = v
        }
        #expect(repaired.correlation == (try nearestCorrelation(r)))
    }

    @Test("invalid pairs are refused with the drivers named")
    func invalidPairs() {
        #expect(throws: CorrelationError.outOfRange("a", "b", 1)) { try GaussianCopula(names: ["a", "b"], pairs: [("a", "b", 1)]) }
        #expect(throws: CorrelationError.selfCorrelation("a")) { try GaussianCopula(names: ["a", "b"], pairs: [("a", "a", 0.5)]) }
        #expect(throws: CorrelationError.duplicatePair("b", "a")) {
            try GaussianCopula(names: ["a", "b"], pairs: [("a", "b", 0.5), ("b", "a", 0.4)])
        }
        #expect(throws: CorrelationError.unknownDriver("c")) { try GaussianCopula(names: ["a", "b"], pairs: [("a", "c", 0.5)]) }
        #expect(throws: CorrelationError.duplicateDriver("a")) { try GaussianCopula(names: ["a", "a"], pairs: []) }
    }

    @Test("correlate is L·e with L the Cholesky factor")
    func correlateIsFactorTimesVector() throws {
        let copula = try GaussianCopula(names: ["x", "y"], pairs: [("x", "y", 0.6)])
        var e = [1.0, 2.0]
        copula.correlate(&e)
        // L = [[1, 0], [0.6, 0.8]]: (1, 0.6 + 1.6).
        #expect(e[0] == 1 && abs(e[1] - 2.2) <= 1e-15)
    }
}
