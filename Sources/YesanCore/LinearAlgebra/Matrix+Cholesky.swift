/// Why a linear-algebra operation on a `Matrix` could not be carried out.
///
/// Indices carried by the cases are 1-based (LAPACK's convention), so that a caller can
/// name the offending variable directly, e.g. "the first 3 variables are not jointly valid".
public enum LinearAlgebraError: Error, Equatable, Sendable {
    /// The leading `leadingMinor × leadingMinor` block of a symmetric matrix is not positive
    /// definite (the first `leadingMinor` variables of a correlation matrix are inconsistent).
    case notPositiveDefinite(leadingMinor: Int)
    /// The operation needs a square matrix.
    case notSquare(rows: Int, columns: Int)
    /// A vector or matrix had `actual` elements (or rows) where `expected` were needed.
    case dimensionMismatch(expected: Int, actual: Int)
    /// The operation needs a symmetric matrix (|a_ij − a_ji| ≤ 1e-12 · max|a|).
    case notSymmetric
    /// An input contains NaN or ±∞.
    case nonFinite
    /// Least squares with fewer observations than parameters (n < p).
    case underdetermined(observations: Int, parameters: Int)
    /// Least squares whose design matrix has (numerically) linearly dependent columns:
    /// `column` (1-based) is a combination of the columns before it, or zero.
    case rankDeficient(column: Int)
    /// An iterative eigenvalue computation failed to converge.
    case didNotConverge

    /// Translates a LAPACK failure into the public error.
    ///
    /// `illegalArgument` is a programming error in the wrappers, not a property of the data,
    /// and traps. `singular(index:)` (an exactly zero diagonal of a triangular factor) is
    /// reported as rank deficiency in that column.
    package init(_ error: LAPACKError) {
        switch error {
        case let .illegalArgument(routine, index):
            preconditionFailure("yesan bug: LAPACK \(routine) rejected argument \(index)")
        case let .notPositiveDefinite(order):
            self = .notPositiveDefinite(leadingMinor: order)
        case let .singular(index):
            self = .rankDeficient(column: index)
        case .didNotConverge:
            self = .didNotConverge
        }
    }
}

extension Matrix {
    /// Checks that the matrix is square, finite and symmetric to 1e-12 relative.
    package func validateSymmetric() throws(LinearAlgebraError) {
        guard rows == columns else { throw .notSquare(rows: rows, columns: columns) }
        guard isFinite else { throw .nonFinite }
        guard isSymmetric(tolerance: 1e-12) else { throw .notSymmetric }
    }

    /// The lower-triangular Cholesky factor L with `self = L · Lᵀ` (LAPACK `dpotrf`, 'L').
    ///
    /// Only the lower triangle of `self` is used for the factorisation; the strict upper
    /// triangle of the result is exactly zero and its diagonal is positive.
    ///
    /// - Returns: The `n × n` lower-triangular factor.
    /// - Throws: `.notPositiveDefinite(leadingMinor: k)` when the leading k × k block is not
    ///   positive definite (k is 1-based: for a correlation matrix, the first k variables are
    ///   jointly impossible); `.notSquare`, `.nonFinite` or `.notSymmetric` for invalid input.
    /// - Complexity: O(n³ / 3) flops.
    public func choleskyLower() throws(LinearAlgebraError) -> Matrix {
        try validateSymmetric()
        let n = rows
        var a = storage
        do throws(LAPACKError) {
            try LAPACK.dpotrf(lower: true, n: n, a: &a, lda: max(1, n))
        } catch {
            throw LinearAlgebraError(error)
        }
        for j in 0 ..< n {
            for i in 0 ..< j { a[i + j * n] = 0 }
        }
        return Matrix(rows: n, columns: n, storage: a)
    }

    /// Whether the matrix is symmetric and positive definite (its Cholesky factorisation succeeds).
    ///
    /// - Complexity: O(n³ / 3) flops.
    public var isPositiveDefinite: Bool {
        (try? choleskyLower()) != nil
    }
}
