/// The eigen-decomposition A = V · diag(values) · Vᵀ of a real symmetric matrix.
public struct SymmetricEigen: Sendable {
    /// The n eigenvalues in ascending order.
    public let values: [Double]
    /// The orthonormal eigenvectors, one per column: column j belongs to `values[j]`.
    /// Each column's sign is arbitrary (as in every LAPACK-based library).
    public let vectors: Matrix

    /// Decomposes a symmetric matrix (LAPACK `dsyevd`, jobz 'V', uplo 'L': divide and conquer).
    ///
    /// Only the lower triangle is used for the computation, but the matrix must be symmetric
    /// to 1e-12 relative (|a_ij − a_ji| ≤ 1e-12 · max|a|).
    ///
    /// - Parameter a: A symmetric n × n matrix.
    /// - Throws: `.notSquare`, `.nonFinite`, `.notSymmetric` for invalid input;
    ///   `.didNotConverge` if LAPACK's iteration fails (not expected for finite input).
    /// - Complexity: O(n³) flops.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        try a.validateSymmetric()
        let n = a.rows
        var storage = a.storage
        var w: [Double] = []
        do throws(LAPACKError) {
            try LAPACK.dsyevd(n: n, a: &storage, lda: max(1, n), w: &w)
        } catch {
            throw LinearAlgebraError(error)
        }
        values = w
        vectors = Matrix(rows: n, columns: n, storage: storage)
    }
}
