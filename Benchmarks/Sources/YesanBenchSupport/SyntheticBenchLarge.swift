// A Swift port of shared/peers/bench-large.py, for clones without shared/: the same structure
// (drivers per year with rho and one per trial, a correlation block, a 시비 cap growing with a
// driver and cut by priority, an 일자리기금 fund cut pro rata, every distribution kind, money
// literals, events on 30 % of the programs — cut + absorb, scale, shares, terminate + successor —
// with probabilities and drawn years), the same proportions and sizing rules, written as YAML.
// Its random choices come from SplitMix64, not Python's Mersenne Twister, so the file is not
// bench-large itself: figures measured on it are labelled with their origin.

/// Writes bench-large-like scenario files.
public enum SyntheticBenchLarge {
    /// Part of the cached file's name: bump it when the output changes.
    public static let version = 1

    static let categories = ["직접일자리", "직업훈련", "고용서비스", "고용장려금", "창업지원", "고용안전망"]
    static let groups = ["청년", "중장년", "노인", "여성", "장애인", "취약계층", "전계층"]
    static let shares: [[(String, Double)]] = [
        [("국비", 0.5), ("도비", 0.2), ("시비", 0.3)], [("국비", 0.7), ("시비", 0.3)], [("시비", 1.0)],
        [("도비", 0.5), ("시비", 0.5)], [("시비", 0.6), ("일자리기금", 0.4)], [("국비", 0.9), ("기타", 0.1)],
        [("국비", 0.5), ("도비", 0.15), ("시비", 0.35)], [("일자리기금", 1.0)],
    ]
    static let growthClip: YAML = .list([.double(-0.5), .null])

    /// The scenario file's text: `programs` programs (successors included) over `years` years from 2025.
    public static func yaml(programs count: Int = 200, years: Int = 10, seed: UInt64 = 1, trials: Int = 10_000) -> String {
        var rnd = SplitMix64(state: seed)
        let first = 2025, last = 2025 + years - 1
        let eventCount = Int((0.3 * Double(count)).rounded(.toNearestOrEven))
        let terminations = count >= 4 ? max(1, Int((0.25 * Double(eventCount)).rounded(.toNearestOrEven))) : 0
        let main = count - terminations
        var programs: [GeneratedProgram] = []
        var demandCity = 0.0, demandFund = 0.0
        for i in 0..<main {
            let p = program(&rnd, i, first: first, last: last, successor: false)
            if !p.startsLate {
                demandCity += p.cost * p.share("시비")
                demandFund += p.cost * p.share("일자리기금")
            }
            programs.append(p)
        }
        // rnd.sample(range(main), n_events): distinct indices in random order.
        var pool = Array(0..<main)
        for j in 0..<min(eventCount, main) { pool.swapAt(j, j + rnd.int(0, main - 1 - j)) }
        for (j, i) in pool.prefix(eventCount).enumerated() {
            if j < terminations {
                let successor = program(&rnd, main + j, first: first, last: last, successor: true)
                programs.append(successor)
                var e = event(&rnd, programs[i], first: first, last: last)
                e.action = [("terminate", .bool(true)), ("successor", .string(successor.id))]
                programs[i].events = [e]
            } else {
                let n = rnd.choice([1, 1, 2])
                programs[i].events = (0..<n).map { _ in event(&rnd, programs[i], first: first, last: last) }
            }
        }
        let fundDemand = max(demandFund, 100)
        var directJobs = 0.0, youthPlacements = 0.0
        for p in programs.prefix(main) where !p.startsLate {
            directJobs += p.expectedParticipants * (p.category == "직접일자리" ? 1 : 0)
            youthPlacements += p.expectedParticipants * p.expectedRate * (p.group == "청년" ? 1 : 0)
        }
        func normal(_ mean: Double, _ sd: Double, rho: Double) -> YAML {
            .map([("dist", .string("normal")), ("mean", .double(mean)), ("sd", .double(sd)), ("per", .string("year")),
                  ("rho", .double(rho)), ("clip", growthClip)])
        }
        let document: [(String, YAML)] = [
            ("yesan", .int(1)),
            ("name", .string("bench-large: \(count) programs x \(years) years (Swift port of bench-large.py, seed \(seed))")),
            ("years", .string("\(first)..\(last)")), ("unit", .string("백만원")), ("trials", .int(trials)),
            ("seed", .int(20_251_123)),
            ("sources", .map([
                ("국비", .map([])), ("도비", .map([])),
                ("시비", .map([("cap", .map([("base", .int(round(demandCity))), ("growth", .string("$시비증가율"))])),
                              ("cut", .string("priority"))])),
                ("일자리기금", .map([
                    ("fund", .map([
                        ("balance", .int(round(1.5 * fundDemand))),
                        ("contribution", .map([("dist", .string("normal")), ("mean", .int(round(0.75 * fundDemand))),
                                               ("sd", .int(round(0.1 * fundDemand))), ("clip", .list([.int(0), .null])),
                                               ("per", .string("year"))])),
                        ("interest", .double(0.02)),
                    ])),
                    ("cut", .string("prorata")),
                ])),
                ("기타", .map([])),
            ])),
            ("drivers", .map([
                ("임금상승률", normal(0.035, 0.01, rho: 0.5)),
                ("물가상승률", normal(0.02, 0.005, rho: 0.3)),
                ("국비증가율", normal(0.01, 0.02, rho: 0.6)),
                ("시비증가율", normal(0.025, 0.01, rho: 0.4)),
                ("집행률", .map([("dist", .string("beta")), ("mean", .double(0.92)), ("sd", .double(0.03))])),
            ])),
            ("correlations", .list([
                .list([.string("임금상승률"), .string("물가상승률"), .double(0.6)]),
                .list([.string("국비증가율"), .string("물가상승률"), .double(0.3)]),
                .list([.string("시비증가율"), .string("국비증가율"), .double(0.4)]),
                .list([.string("시비증가율"), .string("물가상승률"), .double(0.2)]),
            ])),
            ("programs", .list(programs.map(\.yaml))),
            ("targets", .list([
                .map([("name", .string("직접일자리 참여자")), ("metric", .string("participants")),
                      ("where", .map([("category", .string("직접일자리"))])), ("year", .int(first)),
                      ("at_least", .int(round(0.9 * directJobs)))]),
                .map([("name", .string("시비 부족 없음")), ("metric", .string("shortfall.시비")), ("year", .string("total")),
                      ("at_most", .int(0))]),
                .map([("name", .string("기금 고갈 없음")), ("metric", .string("fund.일자리기금.depleted")),
                      ("year", .string("total")), ("at_most", .int(0))]),
                .map([("name", .string("청년 취업자")), ("metric", .string("placements")),
                      ("where", .map([("group", .string("청년"))])), ("year", .int(last)),
                      ("at_least", .int(round(0.7 * youthPlacements)))]),
            ])),
        ]
        var out = "# generated by the Swift port of shared/peers/bench-large.py (Benchmarks/Sources/YesanBenchSupport) "
            + "--programs \(count) --years \(years) --seed \(seed) --trials \(trials)\n"
        YAML.map(document).writeBlock(into: &out, indent: 0)
        return out
    }

    static func r2(_ x: Double) -> Double { (x * 100).rounded(.toNearestOrEven) / 100 }
    static func round(_ x: Double) -> Int { Int(x.rounded(.toNearestOrEven)) }

    static func program(_ rnd: inout SplitMix64, _ i: Int, first: Int, last: Int, successor: Bool) -> GeneratedProgram {
        let span = last - first + 1
        let digits = String(i)
        var p = GeneratedProgram(id: "사업" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits,
                                 category: rnd.choice(categories), group: rnd.choice(groups))
        var fields: [(String, YAML)] = []
        let u = rnd.random()
        if !successor && u < 0.08 {
            fields.append(("years", .string("\(first + rnd.int(1, max(1, span / 2)))..")))
            p.startsLate = true
        } else if !successor && u < 0.13 {
            fields.append(("years", .string("..\(last - rnd.int(1, max(1, span / 2)))")))
        }
        if rnd.random() < 0.6 {                                  // slots × unit cost
            let slots = rnd.int(20, 600)
            let c = r2(rnd.uniform(8, 30))
            let unitCost: YAML, mean: Double
            switch rnd.int(0, 3) {
            case 0: (unitCost, mean) = (.double(c), c)
            case 1:
                let lo = r2(0.85 * c), hi = r2(1.3 * c)
                unitCost = .map([("dist", .string("pert")), ("min", .double(lo)), ("mode", .double(c)), ("max", .double(hi))])
                mean = (lo + 4 * c + hi) / 6
            case 2:
                let lo = r2(0.9 * c), hi = r2(1.2 * c)
                unitCost = .map([("dist", .string("triangular")), ("min", .double(lo)), ("mode", .double(c)), ("max", .double(hi))])
                mean = (lo + c + hi) / 3
            default:
                unitCost = .map([("dist", .string("lognormal")), ("mean", .double(c)), ("sd", .double(r2(0.08 * c)))])
                mean = c
            }
            fields += [("participants", .int(slots)), ("unit_cost", unitCost),
                       ("cost_growth", rnd.choice([.string("$임금상승률"), .string("$임금상승률"), .string("$물가상승률"), .double(0.03)]))]
            p.cost = Double(slots) * mean
            p.slots = Double(slots)
        } else {                                                 // a budget line
            let b = round(rnd.uniform(100, 2000))
            let literal = b % 100 != 0 ? "\(b / 100)억 \(b % 100 * 100)만원" : "\(b / 100)억"
            let budget: YAML = rnd.choice([.int(b), .int(b), .int(b),
                                           .map([("dist", .string("gamma")), ("mean", .int(b)), ("sd", .double(r2(0.1 * Double(b))))]),
                                           .string(literal)])
            fields += [("budget", budget),
                       ("growth", rnd.choice([.string("$국비증가율"), .string("$국비증가율"),
                                              .map([("dist", .string("normal")), ("mean", .double(0.02)), ("sd", .double(0.01)),
                                                    ("per", .string("year")), ("rho", .double(0.6)), ("clip", growthClip)]),
                                              .double(0)]))]
            if rnd.random() < 0.5 {
                let unitCost = r2(rnd.uniform(2, 40))
                fields.append(("unit_cost", .double(unitCost)))
                if case .string = budget {} else { p.slots = Double(b) / unitCost }
            }
            p.cost = Double(b)
        }
        p.shares = rnd.choice(shares)
        fields.append(("shares", .map(p.shares.map { ($0.0, .double($0.1)) })))
        let x = rnd.random()
        if x < 0.7 {
            let mean = r2(rnd.uniform(0.85, 0.97))
            fields.append(("execution", .map([("dist", .string("beta")), ("mean", .double(mean)),
                                              ("sd", .double(r2(rnd.uniform(0.01, 0.04))))])))
            p.execution = mean
        } else if x < 0.9 {
            fields.append(("execution", .string("$집행률")))
            p.execution = 0.92
        } else {
            fields.append(("execution", .int(1)))
            p.execution = 1
        }
        let m = r2(rnd.uniform(0.05, 0.5))
        switch rnd.int(0, 2) {
        case 0:
            fields.append(("placement_rate", .map([("dist", .string("beta")), ("mean", .double(m)), ("sd", .double(0.04))])))
            p.expectedRate = m
        case 1:
            let lo = r2(0.5 * m), hi = r2(min(1, 1.5 * m))
            fields.append(("placement_rate", .map([("dist", .string("pert")), ("min", .double(lo)), ("mode", .double(m)),
                                                   ("max", .double(hi))])))
            p.expectedRate = (lo + 4 * m + hi) / 6
        default:
            fields.append(("placement_rate", .double(m)))
            p.expectedRate = m
        }
        fields.append(("priority", .int(rnd.int(1, 9))))
        p.fields = fields
        return p
    }

    static func event(_ rnd: inout SplitMix64, _ p: GeneratedProgram, first: Int, last: Int) -> GeneratedEvent {
        let y0 = rnd.int(first + 1, max(first + 1, last - 1))
        var years: [YAML] = [.int(y0)]
        if y0 < last {
            years.append(.map([("dist", .string("uniform")), ("min", .int(y0)), ("max", .int(min(last, y0 + 2)))]))
            years.append(.map([("dist", .string("discrete")), ("values", .list([.int(y0), .int(y0 + 1)])),
                               ("weights", .list([.int(1), .int(2)]))]))
        }
        var e = GeneratedEvent(year: rnd.choice(years))
        if rnd.random() < 0.5 { e.probability = r2(rnd.uniform(0.3, 1.0)) }
        let u = rnd.random()
        let lost = ["국비", "도비"].filter { p.share($0) > 0 }
        if u < 0.5, let source = lost.first {
            e.action = [("cut", .map([(source, .double(rnd.choice([0.5, 1.0])))])),
                        ("absorb", .map([(rnd.choice(["시비", "시비", "일자리기금"]), .double(r2(rnd.uniform(0.2, 0.8))))]))]
        } else if u < 0.75 {
            e.action = [("scale", .double(r2(rnd.uniform(0.5, 1.3))))]
        } else {
            e.action = [("shares", .map(rnd.choice(shares).map { ($0.0, .double($0.1)) }))]
        }
        return e
    }
}

struct GeneratedProgram {
    let id: String, category: String, group: String
    var fields: [(String, YAML)] = []
    var events: [GeneratedEvent] = []
    var shares: [(String, Double)] = []
    var startsLate = false
    var cost = 0.0, slots = 0.0, execution = 1.0, expectedRate = 0.0

    init(id: String, category: String, group: String) {
        self.id = id
        self.category = category
        self.group = group
    }

    func share(_ source: String) -> Double { shares.first { $0.0 == source }?.1 ?? 0 }
    var expectedParticipants: Double { slots * execution }

    var yaml: YAML {
        .map([("id", .string(id)), ("category", .string(category)), ("group", .string(group))] + fields
             + (events.isEmpty ? [] : [("events", .list(events.map(\.yaml)))]))
    }
}

struct GeneratedEvent {
    var year: YAML
    var probability: Double?
    var action: [(String, YAML)] = []

    var yaml: YAML {
        .map([("year", year)] + action + (probability.map { [("probability", .double($0))] } ?? []))
    }
}

/// SplitMix64: a generator's own structural choices (not the simulation's randomness), shared by
/// the synthetic bench-large and `yesan-bench engine`.
public struct SplitMix64 {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func random() -> Double { Double(next() >> 11) * 0x1p-53 }
    public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * random() }
    /// An integer in a...b (both included).
    public mutating func int(_ a: Int, _ b: Int) -> Int { a + Int(next() % UInt64(b - a + 1)) }
    public mutating func choice<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
}

/// Just enough YAML to write a scenario: block mappings and lists whose leaves are flow collections,
/// like PyYAML's `default_flow_style=None`. Strings are double-quoted, numbers plain.
indirect enum YAML {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case list([YAML]), map([(String, YAML)])

    /// Whether this is a collection that holds a collection (written in block style).
    var isNested: Bool {
        switch self {
        case .list(let xs): xs.contains { $0.isCollection }
        case .map(let kv): kv.contains { $0.1.isCollection }
        default: false
        }
    }
    var isCollection: Bool {
        switch self {
        case .list, .map: true
        default: false
        }
    }

    var flow: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) + ".0" : String(d)
        case .string(let s): YAML.quoted(s)
        case .list(let xs): "[" + xs.map(\.flow).joined(separator: ", ") + "]"
        case .map(let kv): "{" + kv.map { YAML.key($0.0) + ": " + $0.1.flow }.joined(separator: ", ") + "}"
        }
    }

    /// A mapping key: plain when it is letters (Hangul included), digits and underscores.
    static func key(_ s: String) -> String {
        let plain = !s.isEmpty && !s.first!.isNumber && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return plain ? s : quoted(s)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// Writes a nested collection in block style at `indent` spaces.
    func writeBlock(into out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let kv):
            for (key, value) in kv {
                if value.isNested {
                    out += pad + YAML.key(key) + ":\n"
                    value.writeBlock(into: &out, indent: indent + 2)
                } else {
                    out += pad + YAML.key(key) + ": " + value.flow + "\n"
                }
            }
        case .list(let xs):
            for x in xs {
                if case .map(let kv) = x, x.isNested || !kv.isEmpty {
                    // "- key: value" then the other keys aligned under the first.
                    var item = ""
                    x.writeBlock(into: &item, indent: indent + 2)
                    out += pad + "- " + item.dropFirst(indent + 2)
                } else if x.isNested {
                    out += pad + "-\n"
                    x.writeBlock(into: &out, indent: indent + 2)
                } else {
                    out += pad + "- " + x.flow + "\n"
                }
            }
        default:
            out += pad + flow + "\n"
        }
    }
}
