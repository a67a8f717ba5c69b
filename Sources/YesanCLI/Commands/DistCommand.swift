import ArgumentParser
import YesanCore

/// `yesan dist`: what a distribution of SPEC 3.2 means, before it goes into a scenario.
struct DistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dist",
        abstract: "분포 확인 · Show a distribution's exact quantiles next to a Monte Carlo check.",
        discussion: """
            Prints the exact P5 … P95 of a distribution written as in a scenario (SPEC 3.2), and the
            same statistics from --trials draws of yesan's generator, so you can see what
            `{ dist: beta, mean: 0.92, sd: 0.03 }` implies before using it.

            Examples:
              yesan dist beta --mean 0.92 --sd 0.03
              yesan dist normal --ci90 0.01,0.05 --clip=-0.5,
              yesan dist pert --min 500 --mode 650 --max 1200 --trials 100000 --seed 7
            """
    )

    @Argument(help: "fixed, normal, lognormal, uniform, triangular, pert, beta, gamma, bernoulli or discrete.")
    var family: String

    @Option(help: "Mean (normal; lognormal, beta and gamma by moment matching).") var mean: Double?
    @Option(help: "Standard deviation (with --mean).") var sd: Double?
    @Option(help: "90 % interval LO,HI (normal, lognormal).") var ci90: String?
    @Option(help: "mu of ln X (lognormal).") var mu: Double?
    @Option(help: "sigma of ln X (lognormal).") var sigma: Double?
    @Option(help: "Minimum (uniform, triangular, pert).") var min: Double?
    @Option(help: "Mode (triangular, pert).") var mode: Double?
    @Option(help: "Maximum (uniform, triangular, pert).") var max: Double?
    @Option(help: "PERT lambda (default 4).") var lambda: Double?
    @Option(help: "Beta shape alpha.") var alpha: Double?
    @Option(help: "Beta shape beta.") var beta: Double?
    @Option(help: "Gamma shape.") var shape: Double?
    @Option(help: "Gamma scale.") var scale: Double?
    @Option(help: "Probability of 1 (bernoulli).") var p: Double?
    @Option(help: "Fixed value.") var value: Double?
    @Option(help: "Values V1,V2,... (discrete).") var values: String?
    @Option(help: "Weights W1,W2,... (discrete; default equal).") var weights: String?
    @Option(help: "Clip LO,HI; leave a side empty to keep it open (e.g. `--clip=-0.5,`).") var clip: String?
    @Option(help: "Monte Carlo draws for the check.") var trials: Int = 100_000
    @Option(help: "Seed of the random streams.") var seed: UInt64 = 1
    @Option(help: "Label language: ko or en (default from LANG).") var lang: String?

    func validate() throws {
        guard trials > 0, trials <= 100_000_000 else {
            throw ValidationError("--trials must be between 1 and 100,000,000, got \(trials)")
        }
    }

    func run() throws {
        let dist: Distribution
        do {
            dist = try makeDistribution()
        } catch let error as DistributionError {
            throw ValidationError("\(family): \(error.parameter): \(error.message)")
        }
        let ko = Language.resolve(lang) == .ko
        let key = StreamKey(seed: seed, identity: "dist:\(family)")
        let draws = (0..<trials).map { t -> Double in
            var s = RandomStream(key: key, trial: UInt64(t))
            return dist.sample(using: &s)
        }
        let summary = Summary(draws)
        let exact = Summary.levels.map { dist.quantile($0) }
        let digits = decimals(for: exact + [summary.mean])
        let f = { (x: Double) in formatNumber(x, decimals: digits) }
        let header = ko
            ? ["", "평균 mean", "P5", "P25", "P50", "P75", "P95"]
            : ["", "mean", "P5", "P25", "P50", "P75", "P95"]
        let clipped = dist.clipLower > -.infinity || dist.clipUpper < .infinity
        let rows = [
            [ko ? "정확값 exact" : "exact", clipped ? "—" : f(dist.mean)] + exact.map(f),
            [ko ? "모의 \(formatNumber(Double(trials), decimals: 0))회" : "\(formatNumber(Double(trials), decimals: 0)) draws",
             f(summary.mean)] + summary.quantiles.map(f),
        ]
        print(renderTable(header: header, rows: rows))
        print(ko ? "지지집합 support: \(dist.support)    생성기 generator: philox4x32-10, seed \(seed)"
                 : "support: \(dist.support)    generator: philox4x32-10, seed \(seed)")
    }

    private func decimals(for xs: [Double]) -> Int {
        let m = xs.filter(\.isFinite).map(abs).max() ?? 1
        return m >= 1000 ? 0 : m >= 10 ? 2 : 4
    }

    private func pair(_ text: String, _ name: String) throws -> (Double?, Double?) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters() }
        guard parts.count == 2 else { throw ValidationError("--\(name) takes LO,HI, got '\(text)'") }
        func number(_ s: String) throws -> Double? {
            if s.isEmpty || s == "null" { return nil }
            guard let x = Double(s) else { throw ValidationError("--\(name): '\(s)' is not a number") }
            return x
        }
        return (try number(parts[0]), try number(parts[1]))
    }

    private func list(_ text: String, _ name: String) throws -> [Double] {
        try text.split(separator: ",").map {
            guard let x = Double($0.trimmingCharacters()) else { throw ValidationError("--\(name): '\($0)' is not a number") }
            return x
        }
    }

    private func need(_ x: Double?, _ name: String) throws -> Double {
        guard let x else { throw ValidationError("\(family) needs --\(name)") }
        return x
    }

    private func makeDistribution() throws -> Distribution {
        let base: Distribution
        switch family {
        case "fixed": base = try .fixed(need(value, "value"))
        case "normal":
            if let ci90 {
                let (lo, hi) = try pair(ci90, "ci90")
                base = try .normal(ci90: need(lo, "ci90 LO"), need(hi, "ci90 HI"))
            } else {
                base = try .normal(mean: need(mean, "mean"), sd: need(sd, "sd"))
            }
        case "lognormal":
            if let ci90 {
                let (lo, hi) = try pair(ci90, "ci90")
                base = try .lognormal(ci90: need(lo, "ci90 LO"), need(hi, "ci90 HI"))
            } else if mu != nil || sigma != nil {
                base = try .lognormal(mu: need(mu, "mu"), sigma: need(sigma, "sigma"))
            } else {
                base = try .lognormal(mean: need(mean, "mean"), sd: need(sd, "sd"))
            }
        case "uniform": base = try .uniform(min: need(min, "min"), max: need(max, "max"))
        case "triangular": base = try .triangular(min: need(min, "min"), mode: need(mode, "mode"), max: need(max, "max"))
        case "pert": base = try .pert(min: need(min, "min"), mode: need(mode, "mode"), max: need(max, "max"), lambda: lambda ?? 4)
        case "beta":
            base = alpha != nil || beta != nil
                ? try .beta(alpha: need(alpha, "alpha"), beta: need(beta, "beta"))
                : try .beta(mean: need(mean, "mean"), sd: need(sd, "sd"))
        case "gamma":
            base = shape != nil || scale != nil
                ? try .gamma(shape: need(shape, "shape"), scale: need(scale, "scale"))
                : try .gamma(mean: need(mean, "mean"), sd: need(sd, "sd"))
        case "bernoulli": base = try .bernoulli(p: need(p, "p"))
        case "discrete":
            guard let values else { throw ValidationError("discrete needs --values") }
            base = try .discrete(values: list(values, "values"), weights: weights.map { try list($0, "weights") })
        default:
            let known = ["fixed", "normal", "lognormal", "uniform", "triangular", "pert", "beta", "gamma", "bernoulli", "discrete"]
            throw ValidationError("unknown distribution '\(family)'; expected one of \(known.joined(separator: ", "))")
        }
        guard let clip else { return base }
        let (lo, hi) = try pair(clip, "clip")
        return try base.clipped(lower: lo, upper: hi)
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

/// The language of labels: `--lang`, else `LANG`/`LC_ALL` starting with `ko`, else English.
enum Language {
    case ko, en

    static func resolve(_ flag: String?) -> Language {
        if let flag { return flag.lowercased().hasPrefix("ko") ? .ko : .en }
        let env = ProcessEnvironment.value("LC_ALL") ?? ProcessEnvironment.value("LANG") ?? ""
        return env.lowercased().hasPrefix("ko") ? .ko : .en
    }
}
