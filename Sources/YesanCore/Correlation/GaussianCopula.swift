/// A Gaussian copula over named drivers (SPEC 3.3).
///
/// The drivers are ordered by the code points of their names (NFC, as the scenario layer passes
/// them), so the order of the file changes nothing. One trial's independent standard normals e
/// (one per driver, each from the driver's own stream) become correlated normals L·e, with L the
/// Cholesky factor of the correlation matrix R; each driver's value is then F⁻¹(Φ(·)) of its
/// latent normal (`Distribution.value(atLatentNormal:)`).
public struct GaussianCopula: Sendable {
    /// The drivers, in ascending code-point order: the rows and columns of `correlation`.
    public let names: [String]
    /// The correlation matrix in use (the repaired one when `isRepaired`).
    public let correlation: Matrix
    /// Whether `correlation` is the nearest valid matrix that replaced an invalid one.
    public let isRepaired: Bool
    /// L, lower triangular, row-major: L[i][j] at i·n + j.
    @usableFromInline let factor: [Double]

    /// The copula of `names` with the pairwise correlations `pairs` (all other pairs 0).
    ///
    /// - Parameters:
    ///   - names: the drivers in the copula, in any order; each at most once.
    ///   - pairs: `(a, b, r)` with a ≠ b both in `names`, −1 < r < 1, each pair at most once.
    ///   - repair: replace a matrix that is not positive definite by the nearest valid one
    ///     (eigenvalues clipped at 1e-6, unit diagonal restored: `--repair-correlation`).
    /// - Throws: `CorrelationError`; for a matrix that is not positive definite (without
    ///   `repair`), the error names a smallest set of drivers whose correlations cannot hold
    ///   together and carries the nearest valid matrix.
    public init(names: [String], pairs: [(String, String, Double)], repair: Bool = false) throws(CorrelationError) {
        let sorted = names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a == b { throw .duplicateDriver(a) }
        var index: [String: Int] = [:]
        for (i, name) in sorted.enumerated() { index[name] = i }
        let n = sorted.count
        var r = Matrix.identity(n)
        var seen = Set<[String]>()
        for (a, b, value) in pairs {
            guard let i = index[a] else { throw .unknownDriver(a) }
            guard let j = index[b] else { throw .unknownDriver(b) }
            guard i != j else { throw .selfCorrelation(a) }
            guard value.isFinite, value > -1, value < 1 else { throw .outOfRange(a, b, value) }
            guard seen.insert([a, b].sorted()).inserted else { throw .duplicatePair(a, b) }
            r[i, j] = value
            r[j, i] = value
        }
        var repaired = false
        var lower: Matrix
        do throws(LinearAlgebraError) {
            lower = try r.choleskyLower()
        } catch {
            let nearest: Matrix
            do throws(LinearAlgebraError) {
                nearest = try nearestCorrelation(r)
            } catch {
                throw .numerical(String(describing: error))
            }
            guard repair else {
                var failedOrder = n
                if case .notPositiveDefinite(let k) = error { failedOrder = k }
                throw .notPositiveDefinite(drivers: GaussianCopula.conflicting(r, names: sorted, leadingMinor: failedOrder),
                                           nearest: nearest)
            }
            do throws(LinearAlgebraError) {
                lower = try nearest.choleskyLower()
            } catch {
                throw .numerical(String(describing: error))
            }
            r = nearest
            repaired = true
        }
        self.names = sorted
        self.correlation = r
        self.isRepaired = repaired
        var f = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0...i { f[i * n + j] = lower[i, j] } }
        self.factor = f
    }

    /// A smallest set of drivers whose correlation block is not positive definite: start from
    /// the leading block of order `leadingMinor`, where the Cholesky factorisation failed, then drop every driver whose
    /// removal leaves the block still invalid.
    static func conflicting(_ r: Matrix, names: [String], leadingMinor: Int) -> [String] {
        func valid(_ set: [Int]) -> Bool {
            var m = Matrix.identity(set.count)
            for (a, i) in set.enumerated() { for (b, j) in set.enumerated() { m[a, b] = r[i, j] } }
            return m.isPositiveDefinite
        }
        var set = Array(0..<leadingMinor)
        var i = 0
        while i < set.count {
            var without = set
            without.remove(at: i)
            if !without.isEmpty && !valid(without) { set = without } else { i += 1 }
        }
        return set.map { names[$0] }
    }

    /// Correlates one trial's independent standard normals in place: e ← L·e.
    ///
    /// - Parameter e: one value per driver, in the order of `names`.
    /// - Complexity: O(n²/2) for n drivers.
    @inlinable
    public func correlate(_ e: UnsafeMutableBufferPointer<Double>) {
        let n = names.count
        precondition(e.count == n, "one standard normal per driver")
        factor.withUnsafeBufferPointer { l in
            // Row i of L uses e[0...i]; going from the last row up leaves those untouched.
            var i = n - 1
            while i >= 0 {
                var s = 0.0
                for j in 0...i { s += l[i * n + j] * e[j] }
                e[i] = s
                i -= 1
            }
        }
    }

    /// `correlate` on an array.
    public func correlate(_ e: inout [Double]) {
        e.withUnsafeMutableBufferPointer { correlate($0) }
    }
}

/// Why a set of correlations cannot form a Gaussian copula.
public enum CorrelationError: Error, Equatable, Sendable {
    /// A correlation names a driver that is not in the copula.
    case unknownDriver(String)
    /// The same driver was listed twice.
    case duplicateDriver(String)
    /// A driver was correlated with itself.
    case selfCorrelation(String)
    /// The same pair was given twice.
    case duplicatePair(String, String)
    /// A coefficient outside −1 < r < 1.
    case outOfRange(String, String, Double)
    /// The matrix is not positive definite: `drivers` (a smallest inconsistent set) cannot be
    /// correlated as asked; `nearest` is the valid matrix `--repair-correlation` would use.
    case notPositiveDefinite(drivers: [String], nearest: Matrix)
    /// LAPACK failed on the repair itself (should not happen for a finite symmetric matrix).
    case numerical(String)
}

/// The latent AR(1) of a `per: year` quantity (SPEC 3.2): z₀ = ε₀ and
/// z_t = ρ·z_{t−1} + √(1 − ρ²)·ε_t, so every z_t stays standard normal and corr(z_t, z_{t−1}) = ρ.
public enum AR1 {
    /// Turns a trial's innovations ε₀, ε₁, … (one per horizon year, base year first) into the
    /// latent path z₀, z₁, … in place.
    ///
    /// - Precondition: 0 ≤ rho < 1 (the scenario layer reports other values as errors).
    @inlinable
    public static func apply(rho: Double, to innovations: UnsafeMutableBufferPointer<Double>) {
        precondition(rho >= 0 && rho < 1, "rho must lie in [0, 1)")
        guard innovations.count > 1, rho > 0 else { return }
        let s = (1 - rho * rho).squareRoot()
        for t in 1..<innovations.count {
            innovations[t] = rho * innovations[t - 1] + s * innovations[t]
        }
    }

    /// `apply` on an array.
    public static func apply(rho: Double, to innovations: inout [Double]) {
        innovations.withUnsafeMutableBufferPointer { apply(rho: rho, to: $0) }
    }
}
