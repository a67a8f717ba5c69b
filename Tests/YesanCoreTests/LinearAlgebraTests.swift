import Foundation
import Testing
import YesanCore

// Reference values: Tests/YesanCoreTests/Fixtures/lapack.json, written by
// Tests/Reference/make_lapack_fixtures.py (NumPy 2.4.6 / SciPy 1.17 on OpenBLAS, plus exact
// rational least-squares answers). yesan links Debian's reference LAPACK, so agreement is
// to rounding, not bit-for-bit.

// MARK: - Fixture schema

private struct LapackFixture: Decodable {
    struct CholeskyCase: Decodable {
        let name: String; let a: [[Double]]; let l: [[Double]]
        let lHighPrecision: [[Double]]; let numpyVsHighPrecision: Double; let conditionNumber: Double
    }
    struct CholeskyFailure: Decodable { let name: String; let a: [[Double]]; let leadingMinor: Int }
    struct EigenCase: Decodable {
        let name: String; let a: [[Double]]; let values: [Double]; let vectors: [[Double]]
        let distinctEigenvalues: Bool
    }
    struct NearestCase: Decodable { let name: String; let r: [[Double]]; let floor: Double; let result: [[Double]] }
    struct LeastSquaresValues: Decodable {
        let coefficients: [Double]
        let residuals: [Double]
        let fitted: [Double]
        let residualSumOfSquares: Double
        let unscaledCovariance: [[Double]]
        let leverage: [Double]
        let prediction: [Double]
    }
    struct LeastSquaresCase: Decodable {
        let name: String
        let x: [[Double]]
        let y: [Double]
        let degreesOfFreedom: Int
        let x0: [[Double]]
        let exact: LeastSquaresValues
        let numpy: LeastSquaresValues
        let numpyVsExact: [String: Double]
    }
    struct LeastSquaresFailure: Decodable { let name: String; let x: [[Double]]; let y: [Double]; let error: String }

    let cholesky: [CholeskyCase]
    let choleskyFailures: [CholeskyFailure]
    let eigen: [EigenCase]
    let nearestCorrelation: [NearestCase]
    let leastSquares: [LeastSquaresCase]
    let leastSquaresFailures: [LeastSquaresFailure]
}

private func fixture() throws -> LapackFixture {
    try loadFixture("lapack.json", as: LapackFixture.self)
}

// MARK: - Error measures

/// The worst relative error of `actual` against `reference`, entry by entry.
///
/// An entry whose reference is ~0 — |reference| ≤ `zeroBelow` · `scale`, where `scale` is
/// the quantity's norm (largest |entry| of the reference matrix, max|y| for residuals) —
/// has no meaningful relative error; it is measured as |actual − reference| / `scale`, i.e.
/// the absolute error in units of the norm. Every other entry is measured purely relatively.
private func worstError(
    _ actual: [Double], _ reference: [Double], scale: Double? = nil, zeroBelow: Double = 1e-8
) -> Double {
    precondition(actual.count == reference.count)
    let norm = scale ?? reference.map(abs).max() ?? 0
    var worst = 0.0
    for (a, b) in zip(actual, reference) where a != b {
        let denominator = abs(b) > zeroBelow * norm ? abs(b) : norm
        worst = max(worst, abs(a - b) / denominator)
    }
    return worst
}

private func flat(_ rows: [[Double]]) -> [Double] { rows.flatMap { $0 } }

/// Collects the worst error per quantity over all cases, printed at the end of a test.
private struct ErrorLog {
    var worst: [String: (Double, String)] = [:]
    mutating func record(_ quantity: String, _ error: Double, _ caseName: String) {
        if error >= (worst[quantity]?.0 ?? -1) { worst[quantity] = (error, caseName) }
    }
    func report(_ title: String) {
        for key in worst.keys.sorted() {
            let (error, name) = worst[key]!
            print("[\(title)] max error \(key): \(String(format: "%.3e", error)) (\(name))")
        }
    }
}

private let tolerance = 1e-12

// MARK: - Tests

@Suite("LinearAlgebra")
struct LinearAlgebraTests {
    @Test("Matrix basics: layout, subscript, transpose, products")
    func matrixBasics() {
        var m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.storage == [1, 4, 2, 5, 3, 6])  // column-major
        #expect(m[1, 2] == 6)
        m[0, 1] = -2
        #expect(m[0, 1] == -2 && m.storage[2] == -2)
        #expect(m.transposed == Matrix([[1, 4], [-2, 5], [3, 6]]))
        #expect(m.rowArrays == [[1, -2, 3], [4, 5, 6]])
        #expect(m * Matrix.identity(3) == m)
        #expect(Matrix.identity(2) * m == m)
        #expect(m * m.transposed == Matrix([[14, 12], [12, 77]]))
        #expect(m * [1, 1, 1] == [2, 15])
        #expect(Matrix(rows: 2, columns: 2, repeating: 7).storage == [7, 7, 7, 7])
        #expect(Matrix([]).rows == 0)
    }

    @Test("Cholesky factors equal the 60-digit factor and NumPy's to 1e-12 relative")
    func cholesky() throws {
        var log = ErrorLog()
        for c in try fixture().cholesky {
            let l = try Matrix(c.a).choleskyLower()
            // The strict upper triangle is exactly zero.
            for j in 0 ..< l.columns { for i in 0 ..< j { #expect(l[i, j] == 0) } }
            // 1. Against the correctly rounded (60-digit) factor. Cholesky is backward stable,
            //    but its forward (entrywise) error can grow like cond(A)·ε, which exceeds 1e-12
            //    once cond(A) > ~4.5e3. Only corr4_near_singular (cond 2.5e6, bound 5.4e-10) is
            //    that ill-conditioned; reference LAPACK attains 5.1e-11 there (NumPy 4.1e-11).
            //    The bound is used ONLY where it exceeds 1e-12; every other case is held to 1e-12.
            let exact = worstError(l.storage, Matrix(c.lHighPrecision).storage)
            let bound = max(tolerance, c.conditionNumber * Double.ulpOfOne)
            log.record(bound > tolerance ? "L vs 60-digit, cond(A)·ε bound" : "L vs 60-digit", exact, c.name)
            #expect(exact <= bound, "\(c.name) vs 60-digit: \(exact)")
            // 2. Against NumPy, with NumPy's own measured distance from the 60-digit factor
            //    as extra slack (triangle inequality). Only corr4_near_singular (cond 2.5e6)
            //    needs it: NumPy/OpenBLAS is 4.1e-11 off there — see the report.
            let error = worstError(l.storage, Matrix(c.l).storage)
            log.record("L vs NumPy", error, c.name)
            #expect(error <= tolerance + c.numpyVsHighPrecision, "\(c.name) vs NumPy: \(error)")
            // And it reproduces A: ‖L Lᵀ − A‖max ≤ 1e-14 ‖A‖max.
            let a = Matrix(c.a)
            let back = worstError((l * l.transposed).storage, a.storage, zeroBelow: .infinity)
            #expect(back <= 1e-14, "\(c.name): reconstruction \(back)")
        }
        log.report("cholesky")
    }

    @Test("A matrix that is not positive definite names its leading minor")
    func choleskyFailures() throws {
        for c in try fixture().choleskyFailures {
            #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: c.leadingMinor), "\(c.name)") {
                try Matrix(c.a).choleskyLower()
            }
            #expect(!Matrix(c.a).isPositiveDefinite)
        }
        // The SPEC's example explicitly.
        let indefinite = Matrix([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 3)) {
            try indefinite.choleskyLower()
        }
    }

    @Test("Invalid inputs are rejected with typed errors")
    func invalidInputs() {
        #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) {
            try Matrix(rows: 2, columns: 3).choleskyLower()
        }
        #expect(throws: LinearAlgebraError.notSymmetric) {
            try Matrix([[1, 0.5], [0.4, 1]]).choleskyLower()
        }
        #expect(throws: LinearAlgebraError.nonFinite) {
            try SymmetricEigen(Matrix([[1, .nan], [.nan, 1]]))
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(expected: 3, actual: 2)) {
            try leastSquares(Matrix([[1, 1], [1, 2], [1, 3]]), [1, 2])
        }
        #expect(throws: LinearAlgebraError.nonFinite) {
            try leastSquares(Matrix([[1, 1], [1, 2], [1, 3]]), [1, .infinity, 2])
        }
        // Empty matrices are fine.
        #expect((try? Matrix([]).choleskyLower()) == Matrix([]))
    }

    @Test("Least squares equals the exact answer to 1e-12 and NumPy to 1e-12 beyond NumPy's own error")
    func leastSquaresFits() throws {
        var exactLog = ErrorLog(), numpyLog = ErrorLog()
        for c in try fixture().leastSquares {
            let fit = try leastSquares(Matrix(c.x), c.y)
            #expect(fit.degreesOfFreedom == c.degreesOfFreedom)
            let yScale = c.y.map(abs).max() ?? 0
            func errors(_ r: LapackFixture.LeastSquaresValues) -> [String: Double] {
                [
                    "coefficients": worstError(fit.coefficients, r.coefficients),
                    // Residuals can be exactly 0 (exact_line_years, square_2x2): those are
                    // judged in units of max|y|, as are residuals below 1e-8·max|y|.
                    "residuals": worstError(fit.residuals, r.residuals, scale: yScale),
                    "fitted": worstError(fit.fitted, r.fitted),
                    "residualSumOfSquares": worstError(
                        [fit.residualSumOfSquares], [r.residualSumOfSquares], scale: yScale * yScale),
                    "unscaledCovariance": worstError(fit.unscaledCovariance.storage, Matrix(r.unscaledCovariance).storage),
                    "leverage": worstError(c.x0.map(fit.leverage(at:)), r.leverage),
                    "prediction": worstError(c.x0.map(fit.predict(at:)), r.prediction),
                ]
            }
            // 1. Against the correctly rounded (exact rational) answer: 1e-12, no excuses.
            for (quantity, error) in errors(c.exact) {
                exactLog.record(quantity, error, c.name)
                #expect(error <= tolerance, "\(c.name) \(quantity) vs exact: \(error)")
            }
            // 2. Against NumPy: 1e-12 plus NumPy's own measured distance from the exact answer
            //    (numpyVsExact, triangle inequality). That slack only matters where NumPy's raw
            //    calendar-year computation is itself off by more than 1e-12 — see the report.
            for (quantity, error) in errors(c.numpy) {
                numpyLog.record(quantity, error, c.name)
                let numpyOwn = c.numpyVsExact[quantity] ?? 0
                #expect(error <= tolerance + numpyOwn, "\(c.name) \(quantity) vs NumPy: \(error), NumPy's own \(numpyOwn)")
            }
            // Leverage is a sum of squares: never negative.
            #expect(c.x0.allSatisfy { fit.leverage(at: $0) >= 0 })
        }
        exactLog.report("least squares vs exact")
        numpyLog.report("least squares vs NumPy")
    }

    @Test("Intercept column anywhere; leverage at the design mean is 1/n")
    func interceptPlacement() throws {
        let years: [Double] = [2018, 2019, 2020, 2021, 2022]
        let y: [Double] = [6404, 7384, 9001, 11248, 12064]
        let first = try leastSquares(Matrix(years.map { [1, $0] }), y)
        let last = try leastSquares(Matrix(years.map { [$0, 2] }), y)  // intercept column of 2s, last
        #expect(worstError([2 * last.coefficients[1], last.coefficients[0]], first.coefficients) <= tolerance)
        #expect(worstError(last.fitted, first.fitted) <= tolerance)
        #expect(abs(first.leverage(at: [1, 2020]) - 0.2) <= 1e-15)
        #expect(abs(last.leverage(at: [2020, 2]) - 0.2) <= 1e-15)
        // 국비 trend: slope 1518.4 per year, 2023 prediction 13775.4 (exact rational answers).
        #expect(worstError(first.coefficients, [-3_057_947.8, 1518.4]) <= tolerance)
        #expect(worstError([first.predict(at: [1, 2023])], [13775.4]) <= tolerance)
    }

    @Test("Underdetermined and rank-deficient designs throw")
    func leastSquaresFailures() throws {
        let expected: [String: LinearAlgebraError] = [
            "underdetermined_2x3": .underdetermined(observations: 2, parameters: 3),
            "collinear_2x_year": .rankDeficient(column: 3),
            "two_intercepts": .rankDeficient(column: 2),
            "zero_column": .rankDeficient(column: 2),
            "collinear_sum": .rankDeficient(column: 3),
        ]
        let cases = try fixture().leastSquaresFailures
        #expect(Set(cases.map(\.name)) == Set(expected.keys))
        for c in cases {
            let error = try #require(expected[c.name])
            #expect(throws: error, "\(c.name) (\(c.error))") {
                try leastSquares(Matrix(c.x), c.y)
            }
        }
    }

    @Test("Symmetric eigen-decomposition equals NumPy's eigh")
    func symmetricEigen() throws {
        var log = ErrorLog()
        for c in try fixture().eigen {
            let a = Matrix(c.a)
            let eigen = try SymmetricEigen(a)
            let norm = c.values.map(abs).max() ?? 0  // ‖A‖₂
            // Eigenvalues are accurate to ~ε‖A‖ absolutely; an eigenvalue ~0 relative to ‖A‖
            // (below 1e-8‖A‖; none in the current fixture) is judged in units of ‖A‖.
            let valueError = worstError(eigen.values, c.values, scale: norm)
            log.record("values", valueError, c.name)
            #expect(valueError <= tolerance, "\(c.name) values: \(valueError)")
            #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 <= $1 })

            let n = a.rows
            let v = eigen.vectors
            // Orthonormality and reconstruction V Λ Vᵀ = A, in units of ‖A‖.
            let vtv = v.transposed * v
            #expect(worstError(vtv.storage, Matrix.identity(n).storage, scale: 1, zeroBelow: .infinity) <= 1e-14)
            var lambda = Matrix(rows: n, columns: n)
            for i in 0 ..< n { lambda[i, i] = eigen.values[i] }
            let back = worstError((v * lambda * v.transposed).storage, a.storage, scale: norm, zeroBelow: .infinity)
            log.record("reconstruction (abs/‖A‖)", back, c.name)
            #expect(back <= 1e-14, "\(c.name) reconstruction: \(back)")

            // Eigenvectors up to sign, only where they are unique (simple eigenvalues).
            // Entries are ≤ 1 in magnitude; compared absolutely to 1e-12.
            guard c.distinctEigenvalues else { continue }
            let reference = Matrix(c.vectors)
            var worst = 0.0
            for j in 0 ..< n {
                var dot = 0.0
                for i in 0 ..< n { dot += v[i, j] * reference[i, j] }
                let sign: Double = dot < 0 ? -1 : 1
                for i in 0 ..< n { worst = max(worst, abs(sign * v[i, j] - reference[i, j])) }
            }
            log.record("vectors (abs, up to sign)", worst, c.name)
            #expect(worst <= tolerance, "\(c.name) vectors: \(worst)")
        }
        log.report("eigen")
    }

    @Test("Nearest correlation equals NumPy's repair and is a valid correlation matrix")
    func nearestCorrelationRepair() throws {
        var log = ErrorLog()
        for c in try fixture().nearestCorrelation {
            let repaired = try nearestCorrelation(Matrix(c.r), eigenvalueFloor: c.floor)
            let reference = Matrix(c.result)
            // Entries are ≤ 1 in magnitude: absolute error.
            let error = worstError(repaired.storage, reference.storage, scale: 1, zeroBelow: .infinity)
            log.record("result (abs)", error, c.name)
            #expect(error <= tolerance, "\(c.name): \(error)")
            for i in 0 ..< repaired.rows {
                #expect(repaired[i, i] == 1)
                for j in 0 ..< repaired.columns { #expect(repaired[i, j] == repaired[j, i]) }
            }
            #expect(repaired.isPositiveDefinite, "\(c.name)")
            let smallest = try SymmetricEigen(repaired).values[0]
            #expect(smallest > 0, "\(c.name): smallest eigenvalue \(smallest)")
        }
        log.report("nearest correlation")
        // The SPEC example: after repair, the Cholesky factor exists.
        let indefinite = Matrix([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])
        let repaired = try nearestCorrelation(indefinite)
        _ = try repaired.choleskyLower()
    }

    @Test("The system LAPACK is mapped into this process")
    func lapackIsMapped() throws {
        _ = try Matrix([[4, 2], [2, 3]]).choleskyLower()  // make sure a LAPACK routine ran
        // /proc files report size 0, so read the handle to its end rather than by size.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        try handle.close()
        #expect(maps.contains("/"), "empty /proc/self/maps")
        let libraries = Set(maps.split(separator: "\n").compactMap { line -> String? in
            guard let path = line.split(separator: " ", omittingEmptySubsequences: true).last,
                  path.hasPrefix("/") else { return nil }
            return String(path)
        })
        let lapack = libraries.filter { $0.contains("liblapack") || $0.contains("libopenblas") }
        #expect(!lapack.isEmpty, "no liblapack/libopenblas in /proc/self/maps")
        print("[lapack] mapped: \(lapack.sorted())")
    }

    @Test("The test executable links liblapack.so (ldd)")
    func lapackIsLinked() throws {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [executable]
        let pipe = Pipe()
        ldd.standardOutput = pipe
        ldd.standardError = Pipe()
        try ldd.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(ldd.terminationStatus == 0)
        #expect(output.contains("liblapack.so"), "ldd \(executable):\n\(output)")
        let line = output.split(separator: "\n").first { $0.contains("liblapack") } ?? ""
        print("[lapack] ldd: \(line.trimmingCharacters(in: .whitespaces))")
    }
}
