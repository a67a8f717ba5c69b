/// A checked scenario (SPEC 3): every reference resolved, every value in its valid range.
///
/// `YesanScenario` builds one from YAML files and reports every problem it finds; the engine
/// (`Simulation`) takes one as it is. Money amounts are in the scenario's `unit`; rates are
/// fractions (0.035, not 3.5).
public struct Scenario: Sendable, Hashable {
    /// The scenario's `name:` (or the file's stem).
    public var name: String
    /// The horizon, inclusive; its first year is the base year.
    public var years: ClosedRange<Int>
    /// The unit of every money amount, as written (`백만원`, `억원`, …); informational for the engine.
    public var unit: String
    /// Monte Carlo trials (SPEC 3: default 10 000).
    public var trials: Int
    /// The seed of every random stream (SPEC 5).
    public var seed: UInt64
    /// The sources in SPEC 3.4 order: those named under `sources:` in file order, then the defaults.
    public var sources: [FundingSource]
    /// The drivers (any order: the engine orders them by code point).
    public var drivers: [Driver]
    /// Correlations between drivers with the same recurrence (SPEC 3.3).
    public var correlations: [DriverCorrelation]
    /// The programs (any order: the engine sums them in code-point order of their ids).
    public var programs: [Program]
    /// Targets in file order.
    public var targets: [Target]
    /// The categories of the 목표 공시제 (SPEC 2 defaults unless the file declares its own).
    public var categories: [String]
    /// The groups (SPEC 2 defaults unless the file declares its own).
    public var groups: [String]

    public init(name: String, years: ClosedRange<Int>, unit: String = "백만원", trials: Int = 10_000, seed: UInt64 = 1,
                sources: [FundingSource] = FundingSource.defaults, drivers: [Driver] = [],
                correlations: [DriverCorrelation] = [], programs: [Program] = [], targets: [Target] = [],
                categories: [String] = Scenario.defaultCategories, groups: [String] = Scenario.defaultGroups) {
        self.name = name
        self.years = years
        self.unit = unit
        self.trials = trials
        self.seed = seed
        self.sources = sources
        self.drivers = drivers
        self.correlations = correlations
        self.programs = programs
        self.targets = targets
        self.categories = categories
        self.groups = groups
    }

    /// 목표 공시제 categories (SPEC 2).
    public static let defaultCategories = ["직접일자리", "직업훈련", "고용서비스", "고용장려금", "창업지원", "고용안전망"]
    /// Target groups (SPEC 2).
    public static let defaultGroups = ["청년", "중장년", "노인", "여성", "장애인", "취약계층", "전계층"]
    /// The default sources, in this order (SPEC 3.4).
    public static let defaultSourceNames = ["국비", "도비", "시비", "기금", "기타"]
}

/// A numeric field's value (SPEC 3.1), checked.
public enum Quantity: Sendable, Hashable {
    /// A plain number (money already converted into the scenario's unit).
    case constant(Double)
    /// An inline distribution, with the identity of its own random stream.
    case random(RandomQuantity)
    /// `$name`: the named driver's value.
    case driver(String)

    /// Zero.
    public static let zero = Quantity.constant(0)
    /// One.
    public static let one = Quantity.constant(1)
}

/// How often an uncertain quantity is drawn (SPEC 3.2 `per`).
public enum Recurrence: Sendable, Hashable {
    /// Once per trial (`per: trial`, the default).
    case perTrial
    /// Once per horizon year, with the latent AR(1) coefficient `rho` in [0, 1) (`per: year`).
    case perYear(rho: Double)

    /// Whether the quantity is drawn every year.
    public var isPerYear: Bool {
        if case .perYear = self { return true }
        return false
    }
}

/// An inline distribution on a field (SPEC 3.1), drawn independently of everything else.
public struct RandomQuantity: Sendable, Hashable {
    /// The distribution, clip included.
    public var distribution: Distribution
    /// Per trial or per year (with rho).
    public var recurrence: Recurrence
    /// The stream identity (SPEC 5), e.g. `program:신중년경력형:execution`.
    public var identity: String

    public init(_ distribution: Distribution, recurrence: Recurrence = .perTrial, identity: String) {
        self.distribution = distribution
        self.recurrence = recurrence
        self.identity = identity
    }
}

/// A named uncertain quantity shared by programs (SPEC 3 `drivers:`); its stream is `driver:<name>`.
public struct Driver: Sendable, Hashable {
    /// The NFC name.
    public var name: String
    /// The marginal distribution, clip included.
    public var distribution: Distribution
    /// Per trial or per year (with rho).
    public var recurrence: Recurrence

    public init(name: String, distribution: Distribution, recurrence: Recurrence = .perTrial) {
        self.name = name
        self.distribution = distribution
        self.recurrence = recurrence
    }

    /// The stream identity, `driver:<name>`.
    public var identity: String { "driver:\(name)" }
}

/// `[a, b, r]` of SPEC 3.3.
public struct DriverCorrelation: Sendable, Hashable {
    public var first: String
    public var second: String
    /// Pearson correlation of the latent normals, |r| < 1.
    public var r: Double

    public init(_ first: String, _ second: String, _ r: Double) {
        self.first = first
        self.second = second
        self.r = r
    }
}

/// A source of money (SPEC 3.4), possibly capped, possibly a fund.
public struct FundingSource: Sendable, Hashable {
    /// The NFC name (`국비`, `시비`, `일자리기금`, …).
    public var name: String
    /// The envelope for all programs together, if any.
    public var cap: Cap?
    /// How a binding limit is shared out.
    public var cut: CutRule
    /// The fund state, if the source is a fund.
    public var fund: Fund?

    public init(name: String, cap: Cap? = nil, cut: CutRule = .priority, fund: Fund? = nil) {
        self.name = name
        self.cap = cap
        self.cut = cut
        self.fund = fund
    }

    /// 국비, 도비, 시비, 기금, 기타 with no limits.
    public static let defaults = Scenario.defaultSourceNames.map { FundingSource(name: $0) }
}

/// A cap (SPEC 3.4). Stream identities: `source:<name>:cap`, `:cap.base`, `:cap.growth`, `:cap.<year>`.
public enum Cap: Sendable, Hashable {
    /// The same amount every year.
    case constant(Quantity)
    /// `base` in the first horizon year, compounded by `1 + growth` each later year.
    case compounding(base: Quantity, growth: Quantity)
    /// One amount per horizon year, in horizon order.
    case byYear([Quantity])
}

/// What a binding limit cuts (SPEC 4 step 5).
public enum CutRule: String, Sendable, Hashable {
    /// Highest priority numbers first, group by group.
    case priority
    /// Every program drawing on the source in proportion.
    case prorata
}

/// A fund's state (SPEC 3.4). Stream identities: `source:<name>:fund.balance` etc.
public struct Fund: Sendable, Hashable {
    /// Balance at the start of the first year (money).
    public var balance: Quantity
    /// Added each year, available that year (money).
    public var contribution: Quantity
    /// Interest rate per year on the year-end balance.
    public var interest: Quantity

    public init(balance: Quantity, contribution: Quantity = .zero, interest: Quantity = .zero) {
        self.balance = balance
        self.contribution = contribution
        self.interest = interest
    }
}

/// A program's size in its base year (SPEC 3.5: budget or participants, not both).
public enum ProgramSize: Sendable, Hashable {
    /// Annual budget (money).
    case budget(Quantity)
    /// Annual slots (needs a unit cost).
    case participants(Quantity)
}

/// One budget line (SPEC 3.5). Stream identities: `program:<id>:<field>`.
public struct Program: Sendable, Hashable {
    public var id: String
    public var name: String
    public var category: String
    public var group: String
    /// First active year, nil for an open start.
    public var firstYear: Int?
    /// Last active year, nil for an open end.
    public var lastYear: Int?
    /// The year in which size and unit cost are written (default: the horizon's first year).
    public var baseYear: Int
    public var size: ProgramSize
    /// Cost per participant per year in the base year (money); nil: no participants.
    public var unitCost: Quantity?
    /// Planned growth per year of the size.
    public var growth: Quantity
    /// Growth per year of the unit cost.
    public var costGrowth: Quantity
    /// 집행률, in (0, 1].
    public var execution: Quantity
    /// Placements per participant, in [0, 1].
    public var placementRate: Quantity
    /// Fractions by source name, summing to 1, in the order written.
    public var shares: [SourceFraction]
    /// Higher numbers are cut first.
    public var priority: Int
    /// Events in file order.
    public var events: [Event]

    public init(id: String, name: String? = nil, category: String, group: String, firstYear: Int? = nil,
                lastYear: Int? = nil, baseYear: Int, size: ProgramSize, unitCost: Quantity? = nil,
                growth: Quantity = .zero, costGrowth: Quantity = .zero, execution: Quantity = .one,
                placementRate: Quantity = .zero, shares: [SourceFraction], priority: Int = 5,
                events: [Event] = []) {
        self.id = id
        self.name = name ?? id
        self.category = category
        self.group = group
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.baseYear = baseYear
        self.size = size
        self.unitCost = unitCost
        self.growth = growth
        self.costGrowth = costGrowth
        self.execution = execution
        self.placementRate = placementRate
        self.shares = shares
        self.priority = priority
        self.events = events
    }

    /// Whether `year` lies within the program's `years` (successor activation aside).
    public func covers(_ year: Int) -> Bool {
        (firstYear.map { year >= $0 } ?? true) && (lastYear.map { year <= $0 } ?? true)
    }
}

/// A source name with a plain fraction (shares).
public struct SourceFraction: Sendable, Hashable {
    public var source: String
    public var fraction: Double

    public init(_ source: String, _ fraction: Double) {
        self.source = source
        self.fraction = fraction
    }
}

/// A source name with a fraction that may be uncertain (an event's cut or absorb).
public struct SourceQuantity: Sendable, Hashable {
    public var source: String
    public var fraction: Quantity

    public init(_ source: String, _ fraction: Quantity) {
        self.source = source
        self.fraction = fraction
    }
}

/// A funding event (SPEC 3.5). Stream identities: `<identity>:probability`, `<identity>:year`,
/// `<identity>:cut.<src>`, `<identity>:absorb.<src>`, `<identity>:scale`.
public struct Event: Sendable, Hashable {
    /// `program:<id>:event:<i>`, i its index in the program's list.
    public var identity: String
    /// The year it fires, fixed or drawn once per trial.
    public var year: EventYear
    /// Probability that it fires in a trial (drawn once per trial).
    public var probability: Double
    /// What it does.
    public var action: EventAction

    public init(identity: String, year: EventYear, probability: Double = 1, action: EventAction) {
        self.identity = identity
        self.year = year
        self.probability = probability
        self.action = action
    }
}

/// An event's year.
public enum EventYear: Sendable, Hashable {
    case fixed(Int)
    /// A distribution over integer years (discrete, or integer uniform), drawn once per trial.
    case drawn(Distribution)
}

/// What an event does (exactly one thing, SPEC 3.5).
public enum EventAction: Sendable, Hashable {
    /// Each listed source loses fraction f of its contribution; absorbers replace fraction a of it.
    case cut([SourceQuantity], absorb: [SourceQuantity])
    /// Re-split (보조율 change); the size is unchanged.
    case shares([SourceFraction])
    /// Size × k.
    case scale(Quantity)
    /// The program ends; the successor (if any) becomes active.
    case terminate(successor: String?)
}

/// A threshold on a metric (SPEC 3 `targets:`, SPEC 6).
public struct Target: Sendable, Hashable {
    public var name: String
    /// A metric name without year (`participants`, `spend.시비`, `fund.일자리기금.balance`, …).
    public var metric: String
    /// Restricts a breakdown metric (budget, spend, participants, placements) to matching programs.
    public var filter: TargetFilter?
    /// The year checked, or nil for `total`.
    public var year: Int?
    /// Inclusive lower bound.
    public var atLeast: Double?
    /// Inclusive upper bound.
    public var atMost: Double?

    public init(name: String, metric: String, filter: TargetFilter? = nil, year: Int?, atLeast: Double? = nil,
                atMost: Double? = nil) {
        self.name = name
        self.metric = metric
        self.filter = filter
        self.year = year
        self.atLeast = atLeast
        self.atMost = atMost
    }
}

/// `where:` of a target: each given list must contain the program's label (AND across keys).
public struct TargetFilter: Sendable, Hashable {
    public var categories: [String]?
    public var groups: [String]?
    public var programs: [String]?

    public init(categories: [String]? = nil, groups: [String]? = nil, programs: [String]? = nil) {
        self.categories = categories
        self.groups = groups
        self.programs = programs
    }

    /// Whether `program` passes the filter.
    public func matches(_ program: Program) -> Bool {
        (categories.map { $0.contains(program.category) } ?? true)
            && (groups.map { $0.contains(program.group) } ?? true)
            && (programs.map { $0.contains(program.id) } ?? true)
    }
}
