import Foundation
import Testing
import YesanScenario

/// One tiny invalid file per kind of error (`Fixtures/invalid/`), in the manner of OpenFisca's
/// parameter validation tests: the exit status, the exact position, and key words of the message
/// and the hint.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    /// The fixture loaded (relative to `Fixtures/invalid`).
    let file: String
    let exitCode: Int32
    /// The file the error points into, when not `file` itself.
    let reportedIn: String?
    let line: Int
    let column: Int
    /// The key path, exactly ("" for none).
    let path: String
    let message: [String]
    let hint: [String]

    init(_ file: String, exit exitCode: Int32 = 65, in reportedIn: String? = nil, _ line: Int, _ column: Int, path: String,
         _ message: [String], hint: [String] = []) {
        self.file = file
        self.exitCode = exitCode
        self.reportedIn = reportedIn
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.hint = hint
    }

    var testDescription: String { file }
}

@Suite("Invalid scenario fixtures: one per error kind")
struct InvalidFixtureTests {
    static let cases: [InvalidCase] = [
        // YAML and the file as a whole
        InvalidCase("malformed.yaml", 6, 11, path: "", ["malformed YAML"]),
        InvalidCase("duplicate-key.yaml", 9, 5, path: "", ["'budget' given twice"], hint: ["remove"]),
        InvalidCase("alias-bomb.yaml", 1, 1, path: "", ["more than 2000000 nodes"], hint: ["aliases"]),
        InvalidCase("not-a-map.yaml", 1, 1, path: "", ["a YAML map", "a list"]),
        InvalidCase("missing-version.yaml", 1, 1, path: "yesan", ["'yesan: 1' is required"], hint: ["add the line"]),
        InvalidCase("missing-years.yaml", 1, 1, path: "years", ["years is required"], hint: ["2025..2030"]),
        // types, keys and names
        InvalidCase("wrong-type.yaml", 7, 13, path: "programs[x].budget", ["expected a number", "got a list"]),
        InvalidCase("unknown-key.yaml", 9, 5, path: "programs[x].exection", ["unknown key 'exection'"], hint: ["did you mean 'execution'?"]),
        InvalidCase("missing-shares.yaml", 4, 5, path: "programs[x]", ["needs shares"], hint: ["shares: {"]),
        InvalidCase("identifier-chars.yaml", 4, 9, path: "programs[a.b].id", ["'a.b'", "contains '.'"], hint: ["may not contain"]),
        InvalidCase("duplicate-id.yaml", 9, 9, path: "programs[x].id", ["duplicate program id 'x'", "line 4"], hint: ["unique"]),
        InvalidCase("unknown-category.yaml", 5, 15, path: "programs[x].category", ["unknown category '직업훈령'"], hint: ["did you mean '직업훈련'?"]),
        InvalidCase("unknown-unit.yaml", 3, 7, path: "unit", ["unknown unit '백만 원'", "백만원"], hint: ["did you mean '백만원'?"]),
        InvalidCase("priority-not-integer.yaml", 9, 15, path: "programs[x].priority", ["whole number", "'high'"]),
        InvalidCase("trials-zero.yaml", 3, 9, path: "trials", ["at least 1", "got 0"]),
        InvalidCase("trials-huge.yaml", 3, 9, path: "trials", ["absurdly large", "1000000000"], hint: ["--shard"]),
        InvalidCase("seed-negative.yaml", 3, 7, path: "seed", ["whole number ≥ 0", "-1"]),
        // values (SPEC 3.1)
        InvalidCase("non-finite.yaml", 7, 13, path: "programs[x].budget", [".inf is not a finite number"]),
        InvalidCase("negative-money.yaml", 7, 13, path: "programs[x].budget", ["-5 is outside", "[0, inf)"], hint: ["never negative"]),
        InvalidCase("rate-out-of-range.yaml", 9, 21, path: "programs[x].placement_rate", ["1.5 is outside", "[0, 1]"], hint: ["fraction"]),
        InvalidCase("money-ambiguous.yaml", 7, 13, path: "programs[x].budget", ["'1억5천' is not a money literal", "ambiguous"], hint: ["1억5천만?"]),
        InvalidCase("money-no-unit.yaml", 7, 13, path: "programs[x].budget", ["'1,350'", "no unit"], hint: ["plain number in 백만원"]),
        InvalidCase("percent-on-money.yaml", 7, 13, path: "programs[x].budget", ["'5%'", "percentage is not a money amount"]),
        // distributions and the support check
        InvalidCase("support-normal-execution.yaml", 9, 16, path: "programs[x].execution",
                    ["normal", "unbounded support (-inf, inf)", "after clip", "(0, 1]", "execution"], hint: ["clip: [0.5, 1]", "beta"]),
        InvalidCase("support-clip-zero.yaml", 9, 16, path: "programs[x].execution", ["support [0, 1]", "(0, 1]"], hint: ["clip"]),
        InvalidCase("support-driver.yaml", 12, 18, path: "programs[x].cost_growth",
                    ["driver $임금 (normal)", "(-inf, inf)", "(-1, inf)"], hint: ["in drivers.임금:", "clip: [-0.5, null]"]),
        InvalidCase("unknown-dist.yaml", 9, 24, path: "programs[x].execution.dist", ["unknown distribution 'betta'"], hint: ["did you mean 'beta'?"]),
        InvalidCase("form-incomplete.yaml", 9, 16, path: "programs[x].execution", ["normal takes {mean, sd} or {ci90}", "got {mean}"], hint: ["add sd"]),
        InvalidCase("impossible-beta.yaml", 9, 45, path: "programs[x].execution.sd", ["beta", "no beta distribution has mean 0.5 and sd 0.6"]),
        InvalidCase("rho-without-per-year.yaml", 4, 46, path: "drivers.a.rho", ["rho needs per: year"]),
        // references
        InvalidCase("unknown-driver.yaml", 11, 13, path: "programs[x].growth", ["unknown driver $임금상승"], hint: ["did you mean '임금상승률'?"]),
        InvalidCase("unknown-source.yaml", 8, 15, path: "programs[x].shares.사비", ["unknown source '사비'"], hint: ["did you mean '시비'?"]),
        InvalidCase("unknown-successor.yaml", 10, 51, path: "programs[x].events[0].successor", ["unknown program '신사업'"], hint: ["did you mean '신사업들'?"]),
        InvalidCase("successor-cycle.yaml", 17, 51, path: "programs[y].events[0].successor", ["successor cycle: x -> y -> x"]),
        InvalidCase("unknown-metric.yaml", 10, 24, path: "targets[0].metric", ["unknown metric 'partcipants'"], hint: ["did you mean 'participants'?"]),
        InvalidCase("where-metric.yaml", 10, 24, path: "targets[0].metric", ["with where:", "budget, spend, participants, placements", "'cut'"]),
        InvalidCase("target-year.yaml", 10, 44, path: "targets[0].year", ["horizon year (2025..2026) or total", "2031"]),
        InvalidCase("unknown-cut-rule.yaml", 4, 24, path: "sources.시비.cut", ["priority or prorata", "'prorate'"], hint: ["did you mean 'prorata'?"]),
        // programs, shares, events
        InvalidCase("shares-sum.yaml", 8, 13, path: "programs[x].shares", ["shares sum to 0.9, not 1"], hint: ["1e-9"]),
        InvalidCase("budget-and-participants.yaml", 9, 19, path: "programs[x].participants", ["either budget or participants, not both"]),
        InvalidCase("participants-without-unit-cost.yaml", 7, 19, path: "programs[x].participants", ["participants needs unit_cost"]),
        InvalidCase("base-year-per-year.yaml", 9, 16, path: "programs[x].base_year",
                    ["base_year 2020 is outside the horizon 2025..2026", "growth is drawn per year"], hint: ["per trial"]),
        InvalidCase("event-outside-horizon.yaml", 10, 17, path: "programs[x].events[0].year",
                    ["possible years 2027..2028 are outside the horizon 2025..2026"]),
        InvalidCase("event-year-dist.yaml", 10, 25, path: "programs[x].events[0].year.dist", ["a drawn year cannot be normal"], hint: ["discrete", "uniform"]),
        InvalidCase("event-two-actions.yaml", 10, 9, path: "programs[x].events[0]", ["exactly one thing", "scale, terminate"]),
        InvalidCase("absorb-sum.yaml", 12, 17, path: "programs[x].events[0].absorb", ["absorb fractions can sum to 1.1 > 1"], hint: ["clip"]),
        // sources
        InvalidCase("cap-by-year-missing.yaml", 5, 10, path: "sources.시비.cap", ["every horizon year", "missing 2026"]),
        InvalidCase("fund-without-balance.yaml", 5, 11, path: "sources.일자리기금.fund", ["a fund needs balance"]),
        InvalidCase("correlation-r.yaml", 7, 12, path: "correlations[0]", ["strictly between -1 and 1", "got 1"]),
        InvalidCase("correlation-per.yaml", 7, 5, path: "correlations[0]", ["per: year", "per: trial", "same per"]),
        // extends and removal (SPEC 3.6)
        InvalidCase("extends-cycle-a.yaml", in: "extends-cycle-b.yaml", 2, 10, path: "extends",
                    ["extends cycle: ", "extends-cycle-a.yaml -> ", "extends-cycle-b.yaml -> "]),
        InvalidCase("extends-escape.yaml", 2, 10, path: "extends", ["'../outside.yaml' leaves the directory tree"], hint: ["--allow-outside"]),
        InvalidCase("extends-depth.yaml", in: "depth/d8.yaml", 2, 10, path: "extends", ["deeper than 8"]),
        InvalidCase("extends-missing.yaml", exit: 66, 2, 10, path: "", ["cannot read", "no-such-base.yaml", "no such file"]),
        InvalidCase("unit-mismatch.yaml", 3, 7, path: "unit", ["unit 억원 differs from 백만원", "bases/unit-base.yaml"], hint: ["one unit"]),
        InvalidCase("remove-unknown.yaml", 9, 11, path: "programs[z]", ["cannot remove program 'z'", "no extended file declares it"], hint: ["did you mean 'x'?"]),
        InvalidCase("remove-default-source.yaml", 4, 9, path: "sources.국비", ["a default source cannot be removed"]),
    ]

    @Test("each fixture fails with its position, message and hint", arguments: cases)
    func fixture(_ c: InvalidCase) {
        let path = "\(TestSupport.fixtures)/invalid/\(c.file)"
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("\(c.file) loaded without error")
        } catch {
            #expect(error.exitCode == c.exitCode, "\(error)")
            #expect(error.diagnostics.count == 1, "one problem, reported once: \(error)")
            guard let d = error.diagnostics.first else { return }
            let file = "\(TestSupport.fixtures)/invalid/\(c.reportedIn ?? c.file)"
            #expect(d.location?.file == file)
            #expect(d.location?.line == c.line && d.location?.column == c.column, "\(d)")
            #expect(d.path == c.path, "\(d)")
            for word in c.message { #expect(d.message.contains(word), "message lacks '\(word)': \(d.message)") }
            for word in c.hint { #expect(d.hint.contains(word), "hint lacks '\(word)': \(d.hint)") }
        }
    }

    @Test("every fixture of Fixtures/invalid is in the table")
    func everyFixtureIsTested() throws {
        let dir = "\(TestSupport.fixtures)/invalid"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }
        let tested = Set(Self.cases.map(\.file) + Self.cases.compactMap(\.reportedIn))
        #expect(Set(files).subtracting(tested).sorted() == [])
    }

    @Test("the file named on the command line is missing: exit 66")
    func missingFile() {
        do {
            _ = try ScenarioLoader.load(path: "\(TestSupport.fixtures)/invalid/does-not-exist.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unreadable && error.exitCode == 66)
            #expect(error.diagnostics.first?.message.contains("no such file") == true)
        }
    }

    @Test("a directory instead of a file: exit 66")
    func directory() {
        do {
            _ = try ScenarioLoader.load(path: TestSupport.fixtures)
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == 66)
            #expect(error.diagnostics.first?.message.contains("directory") == true)
        }
    }

    @Test("a device such as /dev/zero is refused without reading it: exit 66")
    func device() {
        do {
            _ = try ScenarioLoader.load(path: "/dev/zero")
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == 66)
            #expect(error.diagnostics.first?.message.contains("not a regular file") == true)
        }
    }
}
