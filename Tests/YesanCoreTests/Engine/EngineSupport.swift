@testable import YesanCore

/// Helpers for the engine suites: short program builders and a run keyed by `name@year`.
enum EngineSupport {
    /// A program written the way a scenario file would say it (defaults as in SPEC 3.5).
    static func program(_ id: String, category: String = "직접일자리", group: String = "청년", years: ClosedRange<Int>? = nil,
                        from: Int? = nil, to: Int? = nil, baseYear: Int = 2025, budget: Quantity? = nil,
                        participants: Quantity? = nil, unitCost: Quantity? = nil, growth: Quantity = .zero,
                        costGrowth: Quantity = .zero, execution: Quantity = .one, placementRate: Quantity = .zero,
                        shares: [(String, Double)], priority: Int = 5, events: [(EventYear, Double, EventAction)] = [])
        -> Program {
        let size: ProgramSize = participants.map { .participants($0) } ?? .budget(budget ?? .zero)
        return Program(
            id: id, category: category, group: group, firstYear: years?.lowerBound ?? from, lastYear: years?.upperBound ?? to,
            baseYear: baseYear, size: size, unitCost: unitCost, growth: growth, costGrowth: costGrowth, execution: execution,
            placementRate: placementRate, shares: shares.map { SourceFraction($0.0, $0.1) }, priority: priority,
            events: events.enumerated().map { i, e in
                Event(identity: "program:\(id):event:\(i)", year: e.0, probability: e.1, action: e.2)
            })
    }

    /// A fixed event in `year` (probability 1).
    static func at(_ year: Int, _ action: EventAction) -> (EventYear, Double, EventAction) {
        (.fixed(year), 1, action)
    }

    static func cut(_ cuts: [(String, Double)], absorb: [(String, Double)] = []) -> EventAction {
        .cut(cuts.map { SourceQuantity($0.0, .constant($0.1)) }, absorb: absorb.map { SourceQuantity($0.0, .constant($0.1)) })
    }

    static func shares(_ s: [(String, Double)]) -> EventAction {
        .shares(s.map { SourceFraction($0.0, $0.1) })
    }

    /// Every key (program breakdowns included) of `scenario` over `trials`, by `name@year`.
    static func runAll(_ scenario: Scenario, trials: Int, threads: Int = 1) throws -> [String: [Double]] {
        let simulation = try Simulation(scenario)
        let keys = simulation.metricKeys(includePrograms: true)
        let result = simulation.run(keys: keys, trials: 0..<trials, threads: threads)
        var out: [String: [Double]] = [:]
        for k in keys { out[k.description] = result.values(k) }
        return out
    }

    /// Whether `got` is within 1e-9 relative (or absolute below 1) of `want`; NaN equals NaN.
    static func close(_ got: Double, _ want: Double) -> Bool {
        if got.isNaN || want.isNaN { return got.isNaN && want.isNaN }
        return abs(got - want) <= 1e-9 * max(1, abs(want))
    }

    /// Bit-for-bit equality of two value arrays (NaN equal to NaN with the same bits).
    static func identical(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}
