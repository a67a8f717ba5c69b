import Testing
import YesanCore

@Suite("Statistics over trials (SPEC 6)")
struct StatisticsTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let name: String
            let values: [Double]
            let quantiles: [Double]
            let mean: Double
            let sd: Double?
            let min: Double
            let max: Double
        }
        let levels: [Double]
        let cases: [Case]
    }

    static let fixture: Fixture = try! loadFixture("quantiles.json")

    @Test("quantiles equal numpy.quantile (linear) to the last bit", arguments: 0..<8)
    func quantilesMatchNumPy(index: Int) {
        let c = Self.fixture.cases[index]
        let sorted = c.values.sorted()
        for (q, expected) in zip(Self.fixture.levels, c.quantiles) {
            let got = quantileOfSorted(sorted, q)
            #expect(got.bitPattern == expected.bitPattern, "\(c.name) q=\(q): got \(got), NumPy \(expected)")
        }
    }

    @Test("mean, sd, min, max equal NumPy's (mean and sd to 1e-13 relative: NumPy sums pairwise)", arguments: 0..<8)
    func momentsMatchNumPy(index: Int) {
        let c = Self.fixture.cases[index]
        let s = Summary(c.values)
        #expect(s.count == c.values.count && s.undefined == 0)
        #expect(relativeError(s.mean, c.mean) <= 1e-13 || abs(s.mean - c.mean) <= 1e-13 * (s.sd ?? 0))
        if let sd = c.sd { #expect(relativeError(s.sd!, sd) <= 1e-13) } else { #expect(s.sd == nil && s.se == nil) }
        #expect(s.min == c.min && s.max == c.max)
        // Summary reports P5 … P95 exactly as quantileOfSorted does.
        let sorted = c.values.sorted()
        #expect(s.quantiles == Summary.levels.map { quantileOfSorted(sorted, $0) })
    }

    @Test("hand-computed: 1…5")
    func handComputed() {
        let s = Summary([5, 1, 4, 2, 3] as [Double])
        #expect(s.mean == 3)
        #expect(s.sd == (2.5 as Double).squareRoot())  // Σ(x − 3)² = 10, ÷ 4
        #expect(s.se == (2.5 as Double).squareRoot() / (5 as Double).squareRoot())
        // h = 4q: P5 → 1 + 0.2·1 = 1.2; P25 → 2; P50 → 3; P75 → 4; P95 → h = 3.8, γ ≥ 0.5: 5 − 1·0.2 = 4.8.
        #expect(s.quantiles == [1.2, 2, 3, 4, 4.8])
    }

    @Test("undefined values (NaN) are left out and counted")
    func undefinedValues() {
        let s = Summary([1, .nan, 3, .nan] as [Double])
        #expect(s.count == 2 && s.undefined == 2 && s.mean == 2 && s.min == 1 && s.max == 3)
        let none = Summary([Double.nan])
        #expect(none.count == 0 && none.undefined == 1 && none.mean.isNaN && none.sd == nil && none.quantiles.allSatisfy(\.isNaN))
        let single = Summary([7.0])
        #expect(single.sd == nil && single.se == nil && single.quantiles == [7, 7, 7, 7, 7])
    }

    @Test("compensated mean: exact where naive summation is not")
    func compensatedMean() {
        // 1e16 + 1 + 1 − 1e16: naive left-to-right summation gives 0 (each +1 is lost).
        #expect(Summary.mean([1e16, 1, 1, -1e16]) == 0.5)
    }
}
