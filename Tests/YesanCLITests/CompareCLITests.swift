import Foundation
import Testing

/// Fixtures of the `compare` tests.
let compareFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/compare")

func compareFixture(_ name: String) -> String { compareFixtures.appendingPathComponent(name).path }

/// The shipped example scenarios (`Scenarios/` at the repository root).
func shippedScenario(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios").appendingPathComponent(name).path
}

/// The baseline, a variant and a variant with a fund of its own (Fixtures/compare).
let compareTrio = ["small-absorb0.yaml", "small-absorb35.yaml", "small-fund.yaml"].map(compareFixture)

/// A JSON object from `text`.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], sourceLocation: sourceLocation)
}

/// Every trial's value of each column of a `--export-samples` file (NaN for an empty cell).
func samples(_ path: String) throws -> [String: [Double]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var columns = [String: [Double]]()
    for line in lines.dropFirst() {
        for (name, cell) in zip(header, line.split(separator: ",", omittingEmptySubsequences: false)) {
            columns[name, default: []].append(cell.isEmpty ? .nan : Double(cell)!)
        }
    }
    return columns
}

@Suite("yesan compare")
struct CompareCLITests {
    @Test("golden tables: Korean (80 columns: transposed) and English (--width 200: wide)",
          arguments: [("ko", "80"), ("en", "200")])
    func goldenTable(lang: String, width: String) throws {
        let arguments = ["compare"] + compareTrio + ["--lang", lang, "--threads", "2"] + (width == "80" ? [] : ["--width", width])
        let (status, out, err) = try runYesan(arguments)
        #expect(status == 0, "\(err)")
        #expect(err.isEmpty, "standard error is not a terminal: no progress bar, no noise; got \(err)")
        try assertSnapshot(out, named: "compare-small-\(lang).txt")
    }

    @Test("--format md --unit 억원 --year 2026: golden Markdown")
    func goldenMarkdown() throws {
        let (status, out, err) = try runYesan(["compare"] + compareTrio + ["--lang", "ko", "--format", "md", "--unit", "억원", "--year", "2026"])
        #expect(status == 0, "\(err)")
        try assertSnapshot(out, named: "compare-small-ko-eok-2026.md")
    }

    @Test("the 80-column table fits in 80 display columns")
    func fitsEightyColumns() throws {
        let (status, out, _) = try runYesan(["compare"] + compareTrio + ["--lang", "ko", "--trials", "200"])
        #expect(status == 0)
        let widest = out.split(separator: "\n").map { displayWidthForTest(String($0)) }.max() ?? 0
        #expect(widest <= 80, "widest line: \(widest) columns")
    }

    @Test("the JSON follows yesan/compare@1, and each scenario's metrics are those `yesan run` reports")
    func jsonSchema() throws {
        let (status, out, err) = try runYesan(["compare"] + compareTrio + ["--format", "json", "--trials", "500"])
        #expect(status == 0, "\(err)")
        let object = try jsonObject(out)
        #expect(Set(object.keys) == ["schema", "manifest", "unit", "years", "baseline", "scenarios", "differences"])
        #expect(object["schema"] as? String == "yesan/compare@1")
        #expect(object["unit"] as? String == "백만원")
        #expect(object["years"] as? [Int] == [2025, 2026, 2027])
        #expect(object["baseline"] as? Int == 0)
        let manifest = try #require(object["manifest"] as? [String: Any])
        #expect(manifest["seed"] as? Int == 42 && manifest["trials"] as? Int == 500)
        #expect(manifest["sets"] as? [String] == [] && manifest["generator"] as? String == "philox4x32-10")
        #expect(manifest["version"] as? String == "0.2.0")
        let inputs = try #require(manifest["scenarios"] as? [[String: Any]])
        #expect(inputs.count == 3)
        for (entry, file) in zip(inputs, compareTrio) {
            #expect(Set(entry.keys) == ["name", "file", "inputs", "resolved", "sets"])
            #expect(entry["file"] as? String == file)
            #expect((entry["resolved"] as? String)?.count == 64)
            let hashes = try #require(entry["inputs"] as? [String: String])
            #expect(hashes[file]?.count == 64, "the command-line file first, then its extends chain")
        }
        #expect((inputs[2]["inputs"] as? [String: String])?.count == 2, "small-fund.yaml extends small-absorb35.yaml")

        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["label"] as? String } == ["absorb0", "absorb35", "fund"])
        #expect(scenarios[0]["name"] as? String == "작은 시나리오 — 시비 0 % 흡수")
        let metrics = try scenarios.map { try #require($0["metrics"] as? [String: [String: Any]]) }
        #expect(metrics[0]["fund.청년기금.depleted@total"] == nil && metrics[2]["fund.청년기금.depleted@total"] != nil,
                "a metric only the third scenario has")
        let budget = try #require(metrics[0]["budget@2025"])
        #expect(Set(budget.keys) == ["mean", "sd", "se", "min", "max", "p5", "p25", "p50", "p75", "p95", "n"])
        let targets = try #require(scenarios[1]["targets"] as? [String: [String: Any]])
        #expect(Set(targets.keys) == ["직접일자리 참여자", "시비 한도", "취업자 합계"])

        let differences = try #require(object["differences"] as? [String: [Any]])
        #expect(Set(differences.keys) == Set(metrics.flatMap(\.keys)), "one entry per metric of any scenario")
        for (key, row) in differences {
            #expect(row.count == 3, "\(key)")
            #expect(row[0] is NSNull, "\(key): the baseline has no difference")
        }
        let spend = try #require(differences["spend@total"]?[1] as? [String: Any])
        #expect(Set(spend.keys) == ["mean", "se", "lo95", "hi95", "p_positive", "n"])
        #expect(differences["fund.청년기금.depleted@total"]?.allSatisfy { $0 is NSNull } == true,
                "no difference where the baseline lacks the metric")

        // Each scenario's statistics are the very objects `yesan run` prints with the same seed.
        for (i, file) in compareTrio.enumerated() {
            let (s, single, e) = try runYesan(["run", file, "--format", "json", "--trials", "500", "--seed", "42"])
            #expect(s == 0, "\(e)")
            let own = try #require(try jsonObject(single)["metrics"] as? [String: [String: Any]])
            #expect(Set(own.keys) == Set(metrics[i].keys), "\(file)")
            for (key, value) in own {
                #expect(NSDictionary(dictionary: value).isEqual(to: metrics[i][key] ?? [:]), "\(file) \(key)")
            }
        }
    }

    @Test("paired statistics equal a direct computation on `yesan run --export-samples` of each scenario")
    func pairedEqualsDirect() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let selection = ["spend@total", "budget.시비@2026", "placements@total", "cost_per_placement@2027",
                         "fund.일자리기금.depleted@2025", "target.취업자 합계@total", "spend.일자리기금@total"]
        let metricArguments = selection.flatMap { ["--metric", $0] }
        let files = Array(compareTrio.prefix(2))
        let (status, out, err) = try runYesan(["compare"] + files + metricArguments + ["--format", "json", "--trials", "1500"])
        #expect(status == 0, "\(err)")
        let differences = try #require(try jsonObject(out)["differences"] as? [String: [Any]])
        var columns: [[String: [Double]]] = []
        for (i, file) in files.enumerated() {
            let path = dir.appendingPathComponent("samples-\(i).csv").path
            let (s, _, e) = try runYesan(["run", file, "--trials", "1500", "--seed", "42", "--format", "json", "--export-samples", path] + metricArguments)
            #expect(s == 0, "\(e)")
            columns.append(try samples(path))
        }
        for key in selection {
            let a = try #require(columns[0][key]), b = try #require(columns[1][key])
            #expect(a.count == 1500 && b.count == 1500)
            // Direct: d_i = b_i − a_i over trials where both are defined, a difference within
            // 1e-12 of the values counting as 0 (the documented noise floor); plain sums.
            var d: [Double] = []
            for (x, y) in zip(a, b) where !x.isNaN && !y.isNaN {
                d.append(abs(y - x) <= 1e-12 * max(abs(x), abs(y)) ? 0 : y - x)
            }
            let n = Double(d.count)
            let mean = d.reduce(0, +) / n
            let se = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot() / n.squareRoot()
            let positive = Double(d.filter { $0 > 0 }.count) / n
            let reported = try #require(differences[key]?[1] as? [String: Any], "\(key)")
            let scale = max(1, a.map(abs).max() ?? 1)
            func near(_ field: String, _ expected: Double) -> Bool {
                guard let got = reported[field] as? Double else { return false }
                return abs(got - expected) <= 1e-12 * scale * 10
            }
            #expect(reported["n"] as? Int == d.count, "\(key)")
            #expect(near("mean", mean), "\(key): mean \(reported["mean"] ?? "nil") vs \(mean)")
            #expect(near("se", se), "\(key): se \(reported["se"] ?? "nil") vs \(se)")
            #expect(near("lo95", mean - 1.959963984540054 * se) && near("hi95", mean + 1.959963984540054 * se), "\(key)")
            // (Foundation's JSON reader may miss the last bit of a long fraction: 1e-15 relative.)
            #expect(abs((reported["p_positive"] as? Double ?? .nan) - positive) <= 1e-15 * positive, "\(key)")
        }
    }

    @Test("common random numbers: on the shipped absorb0/absorb35 pair the paired interval of the spend difference is narrower than independent seeds give")
    func commonRandomNumbersPayOff() throws {
        let a = shippedScenario("goyang-2025-absorb0.yaml"), b = shippedScenario("goyang-2025-absorb35.yaml")
        let trials = "2000"
        let (status, out, err) = try runYesan(["compare", a, b, "--trials", trials, "--format", "json",
                                               "--metric", "spend@total", "--metric", "spend.일자리기금@total"])
        #expect(status == 0, "\(err)")
        let differences = try #require(try jsonObject(out)["differences"] as? [String: [Any]])
        let spend = try #require(differences["spend@total"]?[1] as? [String: Any])
        let paired = try #require(spend["hi95"] as? Double) - (try #require(spend["lo95"] as? Double))

        // Independent seeds: the same two scenarios with seeds that share nothing.
        func standardErrors(_ file: String, seed: String) throws -> (spend: Double, fund: Double) {
            let (s, text, e) = try runYesan(["run", file, "--trials", trials, "--seed", seed, "--format", "json",
                                             "--metric", "spend@total", "--metric", "spend.일자리기금@total"])
            #expect(s == 0, "\(e)")
            let m = try #require(try jsonObject(text)["metrics"] as? [String: [String: Any]])
            return (try #require(m["spend@total"]?["se"] as? Double), try #require(m["spend.일자리기금@total"]?["se"] as? Double))
        }
        let seA = try standardErrors(a, seed: "20251123"), seB = try standardErrors(b, seed: "20251124")
        let independent = 2 * 1.96 * (seA.spend * seA.spend + seB.spend * seB.spend).squareRoot()
        // Measured: paired width 62.4, independent 247.0 (ratio 3.96) at 2,000 trials; the ratio
        // does not depend on the number of trials. It is not 10: absorbing 35 % of the lost 국비
        // changes which programs the capped 시비 cuts, trial by trial, so the policy's effect on
        // spend is itself uncertain (its sd is about a quarter of spend's). The bound of 3 leaves
        // room for the ratio's own sampling error (a few %).
        #expect(independent / paired >= 3, "paired width \(paired), independent \(independent), ratio \(independent / paired)")
        // What the policy does not touch has no difference at all on common random numbers
        // (the 일자리기금 pays 청년미래패키지 alone), while independent seeds leave a band.
        let fund = try #require(differences["spend.일자리기금@total"]?[1] as? [String: Any])
        #expect(fund["mean"] as? Double == 0 && fund["se"] as? Double == 0 && fund["lo95"] as? Double == 0 && fund["hi95"] as? Double == 0)
        #expect(2 * 1.96 * (seA.fund * seA.fund + seB.fund * seB.fund).squareRoot() > 10)
    }

    @Test("common random numbers: on the shipped 양주 absorb0/absorb35 pair the paired interval of the spend difference is at least 10× narrower than independent seeds give")
    func commonRandomNumbersTenfold() throws {
        let a = shippedScenario("yangju-2021-absorb0.yaml"), b = shippedScenario("yangju-2021-absorb35.yaml")
        let trials = "2000"
        let (status, out, err) = try runYesan(["compare", a, b, "--trials", trials, "--format", "json", "--metric", "spend@total"])
        #expect(status == 0, "\(err)")
        let differences = try #require(try jsonObject(out)["differences"] as? [String: [Any]])
        let spend = try #require(differences["spend@total"]?[1] as? [String: Any])
        let paired = try #require(spend["hi95"] as? Double) - (try #require(spend["lo95"] as? Double))
        func standardError(_ file: String, seed: String) throws -> Double {
            let (s, text, e) = try runYesan(["run", file, "--trials", trials, "--seed", seed, "--format", "json",
                                             "--metric", "spend@total"])
            #expect(s == 0, "\(e)")
            let m = try #require(try jsonObject(text)["metrics"] as? [String: [String: Any]])
            return try #require(m["spend@total"]?["se"] as? Double)
        }
        let seA = try standardError(a, seed: "20210309"), seB = try standardError(b, seed: "20210310")
        let independent = 2 * 1.96 * (seA * seA + seB * seB).squareRoot()
        // Measured at 2,000 trials: paired width about 3.1, independent about 390 (ratio above 100).
        // In 양주 the 19-person 신중년 program is small beside the city's other uncertain spending,
        // so the decision moves total spend by a nearly fixed amount, and common random numbers
        // cancel the rest; 10 leaves a wide margin for sampling error. (On 고양's pair the ratio
        // is about 4: see commonRandomNumbersPayOff.)
        #expect(independent / paired >= 10, "paired width \(paired), independent \(independent), ratio \(independent / paired)")
        #expect((spend["mean"] as? Double ?? 0) > 0)
    }

    @Test("a scenario compared with itself, or with a copy that has another seed, differs by exactly 0")
    func selfCompare() throws {
        let base = compareFixture("small-absorb35.yaml")
        for other in [base, compareFixture("small-seed7.yaml")] {
            let (status, out, err) = try runYesan(["compare", base, other, "--format", "json", "--trials", "400"])
            #expect(status == 0, "\(err)")
            let object = try jsonObject(out)
            let differences = try #require(object["differences"] as? [String: [Any]])
            #expect(differences.count > 100)
            for (key, row) in differences {
                let d = try #require(row[1] as? [String: Any], "\(key)")
                let n = try #require(d["n"] as? Int)
                guard n > 0 else { continue }
                for field in ["mean", "se", "lo95", "hi95", "p_positive"] {
                    #expect(d[field] as? Double == 0, "\(key).\(field) = \(d[field] ?? "nil")")
                }
            }
            if other == base {
                let scenarios = try #require(object["scenarios"] as? [[String: Any]])
                #expect(scenarios.map { $0["label"] as? String } == ["absorb35", "absorb35#2"])
            } else {
                #expect(err.contains("seed 7 replaced by 42"), "\(err)")
            }
        }
    }

    @Test("--vs compares one file under several values: the same numbers as the files that write them out")
    func vsEqualsFiles() throws {
        let viaFiles = try runYesan(["compare", compareFixture("small-absorb0.yaml"), compareFixture("small-absorb35.yaml"),
                                     "--format", "json", "--trials", "300"])
        let viaVs = try runYesan(["compare", compareFixture("small-absorb35.yaml"),
                                  "--vs", "programs[신중년경력형].events[0].absorb.시비=0.0, 0.35", "--format", "json", "--trials", "300"])
        #expect(viaFiles.0 == 0 && viaVs.0 == 0, "\(viaFiles.2)\(viaVs.2)")
        let a = try jsonObject(viaFiles.1), b = try jsonObject(viaVs.1)
        #expect(NSDictionary(dictionary: try #require(a["differences"] as? [String: Any]))
            .isEqual(to: try #require(b["differences"] as? [String: Any])))
        let manifest = try #require(b["manifest"] as? [String: Any])
        let vs = try #require(manifest["vs"] as? [String: Any])
        #expect(vs["path"] as? String == "programs[신중년경력형].events[0].absorb.시비" && vs["values"] as? [String] == ["0.0", "0.35"])
        let scenarios = try #require(manifest["scenarios"] as? [[String: Any]])
        #expect(scenarios[1]["sets"] as? [String] == ["programs[신중년경력형].events[0].absorb.시비=0.35"])
        let (_, table, _) = try runYesan(["compare", compareFixture("small-absorb35.yaml"), "--trials", "100", "--lang", "en",
                                          "--vs", "programs[신중년경력형].events[0].absorb.시비=0.0,0.35"])
        #expect(table.contains("small-absorb35.yaml with programs[신중년경력형].events[0].absorb.시비 set to:"))
    }

    @Test("--set applies to every scenario; --seed and --trials to all")
    func setsAndSeed() throws {
        let files = Array(compareTrio.prefix(2))
        let (status, out, err) = try runYesan(["compare"] + files + ["--format", "json", "--trials", "200", "--seed", "7",
                                                                   "--set", "sources.시비.cap.base=9000", "--metric", "shortfall.시비@total"])
        #expect(status == 0, "\(err)")
        let object = try jsonObject(out)
        let manifest = try #require(object["manifest"] as? [String: Any])
        #expect(manifest["seed"] as? Int == 7 && manifest["trials"] as? Int == 200)
        #expect(manifest["sets"] as? [String] == ["sources.시비.cap.base=9000"])
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        for s in scenarios {
            let m = try #require(s["metrics"] as? [String: [String: Any]])
            #expect(m["shortfall.시비@total"]?["max"] as? Double == 0, "a cap of 9000 never binds, in every scenario")
            #expect(Set(m.keys) == ["shortfall.시비@total"])
            #expect((s["targets"] as? [String: Any])?.count == 3, "targets are reported whatever --metric selects, as in run")
        }
    }

    @Test("csv: one row per metric and scenario; --excel adds the byte-order mark; --out is atomic, 73 when it cannot write")
    func csvAndOut() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("c.csv").path
        let (status, out, err) = try runYesan(["compare"] + compareTrio.prefix(2) + ["--trials", "100", "--format", "csv", "--excel",
                                                                                   "--metric", "budget@total", "--out", target])
        #expect(status == 0 && out.isEmpty, "\(err)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark")
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "metric,year,scenario,label,mean,sd,se,min,max,p5,p25,p50,p75,p95,n,undefined,diff_mean,diff_se,diff_lo95,diff_hi95,diff_p_positive,diff_n")
        #expect(lines[1].hasPrefix("budget,total,0,absorb0,") && lines[1].hasSuffix(",,,,,,"))
        #expect(lines[2].hasPrefix("budget,total,1,absorb35,") && lines[2].hasSuffix(",100"))
        let (s2, _, e2) = try runYesan(["compare"] + compareTrio.prefix(2) + ["--trials", "100", "--out", dir.appendingPathComponent("no/c.txt").path])
        #expect(s2 == 73 && e2.contains("cannot write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["c.csv"])
    }

    @Test("JSON is byte-identical for 1 and 3 threads")
    func threadsDoNotMatter() throws {
        let (_, one, _) = try runYesan(["compare"] + compareTrio + ["--format", "json", "--trials", "300", "--threads", "1"])
        let (_, three, _) = try runYesan(["compare"] + compareTrio + ["--format", "json", "--trials", "300", "--threads", "3"])
        #expect(one.count > 10_000 && one == three)
    }

    /// Each user error: arguments (`@name`: a file of Fixtures/compare), exit status, words of the message.
    static let badInputs: [(arguments: [String], status: Int32, messages: [String])] = [
        (["compare", "@small-absorb0.yaml"], 64, ["at least two scenarios"]),
        (["compare", "@small-absorb0.yaml", "@small-years.yaml"], 65, ["small-years.yaml has years 2025..2028", "small-absorb0.yaml has 2025..2027"]),
        (["compare", "@small-absorb0.yaml", "@small-unit.yaml"], 65, ["small-unit.yaml is in 천원", "small-absorb0.yaml is in 백만원"]),
        (["compare", "@small-absorb0.yaml", "@small-absorb35.yaml", "--metric", "spnd@total"], 64, ["nothing matches 'spnd@total'", "did you mean 'spend'"]),
        (["compare", "@small-absorb0.yaml", "@small-absorb35.yaml", "--year", "2031"], 64, ["--year 2031", "outside the horizon 2025–2027"]),
        (["compare", "@small-absorb0.yaml", "--vs", "trials"], 64, ["--vs 'trials'", "PATH=V1,V2"]),
        (["compare", "@small-absorb0.yaml", "--vs", "trials=100"], 64, ["one value"]),
        (["compare", "@small-absorb0.yaml", "--vs", "x=[1,2"], 64, ["unclosed"]),
        (["compare", "@small-absorb0.yaml", "@small-absorb35.yaml", "--vs", "trials=1,2"], 64, ["exactly one scenario file"]),
        (["compare", "@small-absorb0.yaml", "--vs", "programs[없는사업].budget=1,2"], 65, ["없는사업"]),
        (["compare", "@small-absorb0.yaml", "@../run/invalid-several.yaml"], 65, ["invalid-several.yaml:8:", "exection", "4 problems"]),
        (["compare", "@small-absorb0.yaml", "missing.yaml"], 66, ["missing.yaml"]),
        (["compare", "@small-absorb0.yaml", "@small-absorb35.yaml", "--excel"], 64, ["--excel"]),
        (["compare", "@small-absorb0.yaml", "@small-absorb35.yaml", "--width", "10"], 64, ["--width"]),
    ]

    @Test("bad input: exit status and message", arguments: badInputs)
    func badInput(_ input: (arguments: [String], status: Int32, messages: [String])) throws {
        let (arguments, expected, messages) = input
        let args = arguments.map { $0.hasPrefix("@") ? compareFixture(String($0.dropFirst())) : $0 }
        let (status, out, err) = try runYesan(args + ["--trials", "50"])
        #expect(status == expected, "stderr: \(err)")
        #expect(out.isEmpty)
        for message in messages { #expect(err.contains(message), "stderr: \(err)") }
    }
}

/// Terminal display width (Hangul and other wide characters count 2), for checking table widths.
func displayWidthForTest(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { width, scalar in
        let v = scalar.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
        return width + (wide ? 2 : 1)
    }
}
