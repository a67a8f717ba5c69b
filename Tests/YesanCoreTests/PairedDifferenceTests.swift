import Testing
import YesanCore

@Suite("Paired differences of two scenarios (compare, SPEC 5–7)")
struct PairedDifferenceTests {
    /// |a − b| ≤ tolerance · |b|.
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-15) -> Bool {
        abs(a - b) <= tolerance * abs(b)
    }

    @Test("hand-computed: five pairs, two NaN pairs left out")
    func handComputed() {
        // baseline  1   2   3   4   5  NaN   7
        // other     3   1   6   4   9    8  NaN
        // d         2  −1   3   0   4   (the last two pairs have a NaN: left out)
        // n = 5, Σd = 8, mean = 1.6
        // d − mean: 0.4, −2.6, 1.4, −1.6, 2.4; squares 0.16 + 6.76 + 1.96 + 2.56 + 5.76 = 17.2
        // sd² = 17.2 / 4 = 4.3; se = √(4.3 / 5) = √0.86 = 0.92736184954957…
        // lo95 = 1.6 − 1.959963984540054 · 0.92736184954957 = −0.21759582575…, hi95 = 3.41759582575…
        // d > 0 in 3 of 5 pairs (0 is not > 0): pPositive = 0.6
        let baseline: [Double] = [1, 2, 3, 4, 5, .nan, 7]
        let other: [Double] = [3, 1, 6, 4, 9, 8, .nan]
        let p = PairedDifference(baseline: baseline, other: other)
        #expect(p.n == 5)
        #expect(p.mean == 1.6)
        let se = (0.86 as Double).squareRoot()
        #expect(close(p.se, se))
        #expect(close(p.lo95, 1.6 - 1.959963984540054 * se, 1e-14))
        #expect(close(p.hi95, 1.6 + 1.959963984540054 * se, 1e-15))
        #expect(close(p.lo95, -0.21759582575, 1e-10) && close(p.hi95, 3.41759582575, 1e-11))
        #expect(p.pPositive == 0.6)
    }

    @Test("the buffer and the array initialisers agree")
    func buffersAndArrays() {
        let a: [Double] = (0..<1000).map { (i: Int) -> Double in Double(i % 17) * 0.37 }
        let b: [Double] = (0..<1000).map { (i: Int) -> Double in i % 101 == 0 ? Double.nan : Double(i % 13) * 0.41 }
        let fromArrays = PairedDifference(baseline: a, other: b)
        let fromBuffers = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in PairedDifference(baseline: x, other: y) } }
        #expect(fromArrays == fromBuffers)
        #expect(fromArrays.n == 1000 - 10)  // 0, 101, …, 909
    }

    @Test("identical inputs give exactly 0, with se 0")
    func identical() {
        let values: [Double] = [3.25, -1e300, 0, 7e-300, 12_345.678, .nan, 4]
        let p = PairedDifference(baseline: values, other: values)
        #expect(p.n == 6)
        #expect(p.mean == 0 && p.mean.sign == .plus)
        #expect(p.se == 0 && p.lo95 == 0 && p.hi95 == 0)
        #expect(p.pPositive == 0)
    }

    @Test("a constant shift: the mean is the shift, se 0 up to rounding, every pair positive")
    func constantShift() {
        let a: [Double] = (0..<500).map { Double($0) }
        let b = a.map { $0 + 2 }
        let p = PairedDifference(baseline: a, other: b)
        #expect(p.mean == 2 && p.se == 0 && p.lo95 == 2 && p.hi95 == 2 && p.pPositive == 1 && p.n == 500)
    }

    @Test("one pair: se 0, the interval is the difference; no pair: NaN with n 0")
    func degenerate() {
        let one = PairedDifference(baseline: [1, .nan], other: [4, 2])
        #expect(one.n == 1 && one.mean == 3 && one.se == 0 && one.lo95 == 3 && one.hi95 == 3 && one.pPositive == 1)
        let none = PairedDifference(baseline: [.nan, 1], other: [1, .nan])
        #expect(none.n == 0 && none.mean.isNaN && none.se == 0 && none.lo95.isNaN && none.hi95.isNaN && none.pPositive.isNaN)
        let empty = PairedDifference(baseline: [], other: [])
        #expect(empty.n == 0 && empty.mean.isNaN)
    }

    @Test("agrees with a direct two-pass computation on 10,000 pairs to 1e-12")
    func direct() {
        // A deterministic, irregular pair of series (no RNG needed for this check).
        let a: [Double] = (0..<10_000).map { (i: Int) -> Double in 1000 + 37 * Double((i * 7919) % 1009) / 1009 }
        let b: [Double] = a.enumerated().map { (i: Int, x: Double) -> Double in x * 1.05 + Double((i * 104_729) % 97) - 48 }
        var sum = 0.0
        for i in a.indices { sum += b[i] - a[i] }
        let mean = sum / Double(a.count)
        var squares = 0.0
        for i in a.indices { squares += (b[i] - a[i] - mean) * (b[i] - a[i] - mean) }
        let se = (squares / Double(a.count - 1)).squareRoot() / Double(a.count).squareRoot()
        let p = PairedDifference(baseline: a, other: b)
        #expect(close(p.mean, mean, 1e-12) && close(p.se, se, 1e-12))
        #expect(close(p.hi95 - p.lo95, 2 * 1.959963984540054 * se, 1e-12))
        let positive = zip(a, b).filter { (x: Double, y: Double) -> Bool in y - x > 0 }.count
        #expect(p.pPositive == Double(positive) / 10_000)
    }
}
