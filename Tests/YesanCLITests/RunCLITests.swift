import Foundation
import Testing

/// Fixtures of the `run` and `validate` tests.
let runFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/run")

func runFixture(_ name: String) -> String { runFixtures.appendingPathComponent(name).path }

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("yesan-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// `text` without the manifest's `inputs` line (which names the file and its hash).
func withoutInputs(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("    \"inputs\": ") }.joined(separator: "\n")
}

@Suite("yesan run and validate")
struct RunCLITests {
    @Test("yesan run: golden tables in Korean and English", arguments: ["ko", "en"])
    func goldenTable(lang: String) throws {
        let (status, out, err) = try runYesan(["run", runFixture("small.yaml"), "--lang", lang, "--threads", "2"])
        #expect(status == 0, "\(err)")
        #expect(err.isEmpty, "standard error is not a terminal: no progress bar, no noise; got \(err)")
        try assertSnapshot(out, named: "run-small-\(lang).txt")
    }

    @Test("yesan run --format md and --unit 억원: golden Markdown")
    func goldenMarkdown() throws {
        let (status, out, err) = try runYesan(["run", runFixture("small.yaml"), "--lang", "ko", "--format", "md", "--unit", "억원"])
        #expect(status == 0, "\(err)")
        try assertSnapshot(out, named: "run-small-ko-eok.md")
    }

    @Test("JSON is byte-identical for 1, 2 and 3 threads and for two runs")
    func threadsDoNotMatter() throws {
        let file = runFixture("small.yaml")
        let (s1, one, e1) = try runYesan(["run", file, "--format", "json", "--threads", "1"])
        let (s2, two, _) = try runYesan(["run", file, "--format", "json", "--threads", "2"])
        let (s3, three, _) = try runYesan(["run", file, "--format", "json", "--threads", "3"])
        let (s4, again, _) = try runYesan(["run", file, "--format", "json", "--threads", "2"])
        #expect([s1, s2, s3, s4] == [0, 0, 0, 0], "\(e1)")
        #expect(one.count > 10_000)
        #expect(one == two)
        #expect(one == three)
        #expect(two == again)
    }

    @Test("programs, drivers and correlation pairs in another order: identical JSON but for the input file's name and hash")
    func fileOrderDoesNotMatter() throws {
        let (s1, a, e1) = try runYesan(["run", runFixture("small.yaml"), "--format", "json"])
        let (s2, b, e2) = try runYesan(["run", runFixture("small-shuffled.yaml"), "--format", "json"])
        #expect(s1 == 0 && s2 == 0, "\(e1)\(e2)")
        #expect(a != b, "the manifests name different files")
        #expect(withoutInputs(a) == withoutInputs(b))
    }

    @Test("the JSON follows yesan/run@1: manifest, years, every metric, targets")
    func jsonSchema() throws {
        let (status, out, err) = try runYesan(["run", runFixture("small.yaml"), "--format", "json", "--set", "trials=500"])
        #expect(status == 0, "\(err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "yesan/run@1")
        let manifest = try #require(object["manifest"] as? [String: Any])
        #expect(manifest["trials"] as? Int == 500)
        #expect(manifest["seed"] as? Int == 42)
        #expect(manifest["sets"] as? [String] == ["trials=500"])
        #expect(manifest["generator"] as? String == "philox4x32-10")
        #expect((manifest["resolved"] as? String)?.count == 64)
        let inputs = try #require(manifest["inputs"] as? [String: String])
        #expect(inputs.count == 1 && inputs.values.allSatisfy { $0.count == 64 })
        #expect(object["years"] as? [Int] == [2025, 2026, 2027])
        let metrics = try #require(object["metrics"] as? [String: [String: Any]])
        for key in ["budget@2025", "budget.시비@total", "shortfall.시비@2026", "fund.일자리기금.balance@2027",
                    "fund.일자리기금.depleted@total", "participants.category.고용안전망@2025", "placements.group.장애인@total",
                    "cost_per_placement@total", "cut@2026", "requested.국비@2025", "target.시비 한도@2027"] {
            #expect(metrics[key] != nil, "missing \(key)")
        }
        #expect(!metrics.keys.contains { $0.contains(".program.") }, "program breakdowns only when asked for")
        let budget = try #require(metrics["budget.시비@2025"])
        #expect(Set(budget.keys) == ["mean", "sd", "se", "min", "max", "p5", "p25", "p50", "p75", "p95", "n"])
        #expect(budget["n"] as? Int == 500)
        let targets = try #require(object["targets"] as? [String: [String: Any]])
        #expect(Set(targets.keys) == ["직접일자리 참여자", "시비 한도", "취업자 합계"])
        let p = try #require(targets["시비 한도"]?["p"] as? Double)
        #expect(p == metrics["target.시비 한도@2027"]?["mean"] as? Double)
    }

    @Test("--metric narrows; program breakdowns by pattern; --export-samples writes one row per trial")
    func metricsAndSamples() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = dir.appendingPathComponent("samples.csv").path
        let (status, out, err) = try runYesan(["run", runFixture("small.yaml"), "--trials", "300", "--format", "json",
                                               "--metric", "spend.program.*@2026", "--metric", "budget@total",
                                               "--export-samples", samples])
        #expect(status == 0, "\(err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: [String: Any]])
        #expect(Set(metrics.keys) == ["spend.program.신중년경력형@2026", "spend.program.청년미래@2026",
                                      "spend.program.청년훈련@2026", "budget@total"])
        let lines = try String(contentsOfFile: samples, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 301)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.first == "trial" && header.count == 5)
        let column = try #require(header.firstIndex(of: "budget@total"))
        let values = lines.dropFirst().map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[column])! }
        let mean = values.reduce(0, +) / Double(values.count)
        let reported = try #require(metrics["budget@total"]?["mean"] as? Double)
        #expect(abs(mean - reported) <= 1e-9 * abs(reported), "the samples are the values the statistics came from")
        #expect(lines[1].hasPrefix("0,") && lines[300].hasPrefix("299,"))
    }

    @Test("--unit 억원 divides money by 100 (file unit 백만원), not people")
    func displayUnit() throws {
        let (_, a, _) = try runYesan(["run", runFixture("small.yaml"), "--trials", "200", "--format", "csv", "--metric", "budget@2025", "--metric", "participants@2025"])
        let (_, b, _) = try runYesan(["run", runFixture("small.yaml"), "--trials", "200", "--format", "csv", "--metric", "budget@2025", "--metric", "participants@2025", "--unit", "억원"])
        func mean(_ csv: String, _ metric: String) -> Double? {
            csv.split(separator: "\n").first { $0.hasPrefix(metric + ",") }.flatMap { Double($0.split(separator: ",")[2]) }
        }
        let m1 = try #require(mean(a, "budget")), m2 = try #require(mean(b, "budget"))
        #expect(abs(m1 / 100 - m2) <= 1e-12 * m1)
        #expect(mean(a, "participants") == mean(b, "participants"))
    }

    @Test("--excel starts the csv with a UTF-8 byte-order mark")
    func excel() throws {
        let (status, out, _) = try runYesan(["run", runFixture("small.yaml"), "--trials", "50", "--format", "csv", "--excel"])
        #expect(status == 0)
        #expect(out.hasPrefix("\u{FEFF}metric,year,mean,sd,se,min,max,p5,p25,p50,p75,p95,n,undefined\n"))
    }

    @Test("--out writes atomically; an unwritable --out exits 73 and leaves nothing")
    func out() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("result.json").path
        let (s1, stdout, _) = try runYesan(["run", runFixture("small.yaml"), "--trials", "100", "--format", "json"])
        let (s2, empty, _) = try runYesan(["run", runFixture("small.yaml"), "--trials", "100", "--format", "json", "--out", target])
        #expect(s1 == 0 && s2 == 0 && empty.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == stdout)
        let missing = dir.appendingPathComponent("no/such/dir/result.json").path
        let (s3, _, err) = try runYesan(["run", runFixture("small.yaml"), "--trials", "100", "--out", missing])
        #expect(s3 == 73)
        #expect(err.contains("cannot write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["result.json"])
    }

    @Test("bad input: exit status and message",
          arguments: [
            (["run", "no-such-file.yaml"], Int32(66), "no-such-file.yaml"),
            (["run", "@small", "--metric", "spnd@2025"], 64, "error: --metric: nothing matches 'spnd@2025' (did you mean 'spend'?)"),
            (["run", "@small", "--trials", "0"], 64, "--trials"),
            (["run", "@small", "--format", "xml"], 64, "--format"),
            (["run", "@small", "--unit", "달러"], 64, "--unit"),
            (["run", "@small", "--set", "trials"], 64, "PATH=VALUE"),
            (["run", "@small", "--set", "programs[없는사업].budget=3"], 65, "없는사업"),
            (["run", "@correlation-not-pd.yaml"], 65, "positive definite"),
            (["run", "@small", "--trials", "900000000", "--format", "json"], 64, "--metric"),
          ])
    func badInput(arguments: [String], status expected: Int32, message: String) throws {
        let args = arguments.map { $0 == "@small" ? runFixture("small.yaml") : $0.hasPrefix("@") ? runFixture(String($0.dropFirst())) : $0 }
        let (status, out, err) = try runYesan(args)
        #expect(status == expected, "stderr: \(err)")
        #expect(out.isEmpty)
        #expect(err.contains(message), "stderr: \(err)")
    }

    @Test("--repair-correlation runs with the nearest valid matrix and says so")
    func repair() throws {
        let (status, out, err) = try runYesan(["run", runFixture("correlation-not-pd.yaml"), "--repair-correlation", "--trials", "100", "--lang", "en"])
        #expect(status == 0, "\(err)")
        #expect(out.contains("nearest valid correlation matrix"))
    }

    @Test("yesan validate: every problem at once with file:line:column, exit 65")
    func validateSeveral() throws {
        let file = runFixture("invalid-several.yaml")
        let (status, out, err) = try runYesan(["validate", file, "--lang", "en"])
        #expect(status == 65)
        #expect(out.isEmpty)
        #expect(err.contains("\(file):8:"), "shares do not sum to 1: \(err)")
        #expect(err.contains("\(file):9:5: programs[사업A]: unknown key 'exection'") || err.contains("\(file):9:5"), "\(err)")
        #expect(err.contains("execution"), "did-you-mean: \(err)")
        #expect(err.contains("\(file):13:"), "negative money: \(err)")
        #expect(err.contains("임금상승율"), "unknown driver: \(err)")
    }

    @Test("yesan validate: valid files print ok; one missing file makes the status 66")
    func validateMixed() throws {
        let (s1, out1, _) = try runYesan(["validate", runFixture("small.yaml"), runFixture("small-shuffled.yaml"), "--lang", "en"])
        #expect(s1 == 0)
        #expect(out1.contains("small.yaml: ok · 3 programs · 2025–2027 · 3 targets"))
        let (s2, out2, err2) = try runYesan(["validate", runFixture("small.yaml"), "missing.yaml", runFixture("invalid-several.yaml")])
        #expect(s2 == 66)
        #expect(out2.contains("small.yaml"))
        #expect(err2.contains("missing.yaml") && err2.contains("exection"))
    }
}
