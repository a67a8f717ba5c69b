import Foundation
import Testing

/// Tests/YesanCLITests/Fixtures/forecast/NAME: one tiny CSV per error case.
private func forecastFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/forecast").appendingPathComponent(name).path
}

/// Scenarios/history/goyang-2018-2022.csv (고양시 2018–2022, seed 002).
private let goyangCSV = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Scenarios/history/goyang-2018-2022.csv").path

@Suite("yesan forecast")
struct ForecastCLITests {
    @Test("golden forecast tables (auto, backtest printed) in Korean and English", arguments: ["ko", "en"])
    func goldenTable(lang: String) throws {
        let (status, out, err) = try runYesan(["forecast", goyangCSV, "--series", "도비,시비", "--lang", lang])
        #expect(status == 0, "\(err)")
        #expect(err.isEmpty)
        try assertSnapshot(out, named: "forecast-goyang-\(lang).txt")
    }

    @Test("--format json has the yesan/forecast@1 shape")
    func jsonShape() throws {
        let (status, out, err) = try runYesan(["forecast", goyangCSV, "--series", "도비,시비,계", "--format", "json"])
        #expect(status == 0, "\(err)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["schema", "horizon", "levels", "series"])
        #expect(root["schema"] as? String == "yesan/forecast@1")
        #expect(root["horizon"] as? Int == 5)
        #expect(root["levels"] as? [Double] == [0.8, 0.95])
        let series = try #require(root["series"] as? [String: Any])
        #expect(Set(series.keys) == ["도비", "시비", "계"])
        for (name, value) in series {
            let s = try #require(value as? [String: Any])
            #expect(Set(s.keys) == ["model", "n", "params", "se", "sigma", "forecast", "backtest"], "\(name)")
            #expect(s["n"] as? Int == 5)
            let model = try #require(s["model"] as? String)
            let params = try #require(s["params"] as? [String: Double])
            let se = try #require(s["se"] as? [String: Double])
            let expectedKeys: Set<String> = model == "drift" ? ["drift"] : ["intercept", "slope"]
            #expect(Set(params.keys) == expectedKeys && Set(se.keys) == expectedKeys)
            #expect(s["sigma"] is Double)
            let rows = try #require(s["forecast"] as? [[String: Any]])
            #expect(rows.map { $0["year"] as? Int } == [2023, 2024, 2025, 2026, 2027])
            for row in rows {
                #expect(Set(row.keys) == ["year", "point", "lo80", "hi80", "lo95", "hi95"])
                let v = { (k: String) in row[k] as? Double ?? .nan }
                #expect(v("lo95") <= v("lo80") && v("lo80") <= v("point") && v("point") <= v("hi80") && v("hi80") <= v("hi95"))
            }
            let backtest = try #require(s["backtest"] as? [String: Any])
            #expect(backtest["origins"] as? Int == 3)
            #expect(backtest["chosen"] as? String == model)
            let models = try #require(backtest["models"] as? [String: [String: Any]])
            #expect(Set(models.keys) == ["linear", "loglinear", "drift"])
            for m in models.values { #expect(Set(m.keys) == ["mae", "mape", "mase"]) }
        }
        // An explicit model has no backtest; a 97.5 % level is labelled lo97.5.
        let (s2, out2, _) = try runYesan(["forecast", goyangCSV, "--series", "도비", "--model", "loglinear",
                                           "--level", "0.975", "--horizon", "2", "--format", "json"])
        #expect(s2 == 0)
        let root2 = try #require(try JSONSerialization.jsonObject(with: Data(out2.utf8)) as? [String: Any])
        let s = try #require((root2["series"] as? [String: Any])?["도비"] as? [String: Any])
        #expect(s["backtest"] is NSNull)
        #expect(s["model"] as? String == "loglinear")
        let rows = try #require(s["forecast"] as? [[String: Any]])
        #expect(rows.count == 2 && Set(rows[0].keys) == ["year", "point", "lo97.5", "hi97.5"])
    }

    @Test("UTF-8 BOM, CRLF, quoted thousands separators and empty cells are read correctly")
    func bomAndThousands() throws {
        let (status, out, err) = try runYesan(["forecast", forecastFixture("bom-thousands.csv"), "--model", "linear",
                                               "--format", "json", "--horizon", "1"])
        #expect(status == 0, "\(err)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let series = try #require(root["series"] as? [String: [String: Any]])
        // 국비 = 1,000 … 1,400: an exact line with slope 100; 시비 skips its empty 2018 cell.
        let gukbi = try #require(series["국비"]), sibi = try #require(series["시비"])
        #expect(gukbi["n"] as? Int == 5 && sibi["n"] as? Int == 4)
        let slope = try #require((gukbi["params"] as? [String: Double])?["slope"])
        #expect(abs(slope - 100) < 1e-9)
        let point = try #require((gukbi["forecast"] as? [[String: Any]])?.first?["point"] as? Double)
        #expect(abs(point - 1500) < 1e-9)
    }

    @Test("bad input: exit status and a message with row and column",
          arguments: [
            (["ragged.csv"], Int32(65), "row 3: 2 cells, but the header has 3 (ragged row)"),
            (["nonnumeric.csv"], Int32(65), "row 3, column 3 (시비): 'abc' is not a number"),
            (["missing-file.csv"], Int32(66), "missing-file.csv: cannot open"),
            (["short.csv", "--model", "linear"], Int32(65), "series '시비': 2 points, but linear needs at least 3"),
            (["nonpositive.csv"], Int32(65), "series '국비': 3 points, but auto needs at least 4"),
            (["nonpositive.csv", "--model", "loglinear"], Int32(65), "series '국비': loglinear needs values > 0, but 2020 has 0.0"),
            (["nonnumeric.csv", "--level", "1.5"], Int32(64), "--level: '1.5' is not a level in (0, 1)"),
            (["nonnumeric.csv", "--level", "0.8,abc"], Int32(64), "--level: 'abc' is not a level"),
            (["nonnumeric.csv", "--model", "arima"], Int32(64), "--model must be auto, linear, loglinear or drift"),
            (["nonnumeric.csv", "--horizon", "0"], Int32(64), "--horizon must be between 1 and 100"),
            (["nonnumeric.csv", "--format", "xml"], Int32(64), "--format must be table, csv, json or md"),
          ])
    func badInput(arguments: [String], status expected: Int32, message: String) throws {
        let (status, out, err) = try runYesan(["forecast", forecastFixture(arguments[0])] + arguments.dropFirst())
        #expect(status == expected, "stderr: \(err)")
        #expect(out.isEmpty)
        #expect(err.contains(message), "stderr: \(err)")
    }

    @Test("a constant series is forecast with zero-width intervals and a warning")
    func constantSeries() throws {
        let (status, out, err) = try runYesan(["forecast", goyangCSV, "--series", "국비", "--format", "csv", "--lang", "en"])
        #expect(status == 0, "\(err)")
        #expect(err.contains("series '국비' is constant"))
        let lines = out.split(separator: "\n")
        #expect(lines.first == "series,model,year,point,lo80,hi80,lo95,hi95")
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",0,0,0,0,0") && $0.hasPrefix("국비,linear,") })
    }

    @Test("--out writes atomically and equals standard output; an unwritable path exits 73 and leaves nothing")
    func atomicOut() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yesan-forecast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("f.md").path
        let (status, out, err) = try runYesan(["forecast", goyangCSV, "--series", "시비", "--format", "md", "--out", target])
        #expect(status == 0 && out.isEmpty, "\(err)")
        let (_, direct, _) = try runYesan(["forecast", goyangCSV, "--series", "시비", "--format", "md"])
        #expect(try String(contentsOfFile: target, encoding: .utf8) == direct)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["f.md"])

        let bad = dir.appendingPathComponent("no-such-dir/f.json").path
        let (s2, o2, e2) = try runYesan(["forecast", goyangCSV, "--series", "시비", "--format", "json", "--out", bad])
        #expect(s2 == 73 && o2.isEmpty)
        #expect(e2.contains("cannot write"), "\(e2)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["f.md"])
    }

    @Test("--emit-driver prints a normal growth driver with the fitted rate and its standard error")
    func emitDriver() throws {
        let (status, out, err) = try runYesan(["forecast", goyangCSV, "--series", "도비", "--model", "loglinear",
                                               "--emit-driver", "도비증가율"])
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("# yesan forecast: series 도비 of goyang-2018-2022.csv (2018–2022, n = 5), model loglinear"))
        // b = 0.0444095727709085, se(b) = 0.0112350982866834 (statsmodels, forecast.json goyang_도비):
        // exp(b) − 1 = 0.0454104…, exp(b)·se(b) = 0.0117452…, printed to 4 significant digits.
        #expect(lines[2] == "도비증가율: { dist: normal, mean: 0.04541, sd: 0.01175, per: year, clip: [-0.5, null] }", "\(lines[2])")

        let (s2, _, e2) = try runYesan(["forecast", goyangCSV, "--emit-driver", "x"])
        #expect(s2 == 64 && e2.contains("--emit-driver needs exactly one series"))
        let (s3, _, e3) = try runYesan(["forecast", goyangCSV, "--series", "도비", "--emit-driver", "a.b"])
        #expect(s3 == 64 && e3.contains("not a valid driver name"))
    }
}
