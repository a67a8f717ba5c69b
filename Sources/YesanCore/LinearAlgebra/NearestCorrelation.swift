/// Repairs a symmetric "correlation" matrix that is not positive definite (SPEC 3.3).
///
/// The eigenvalues λ of `r` are clipped from below at `eigenvalueFloor`,
/// A = V · diag(max(λ, floor)) · Vᵀ is rebuilt and rescaled to a unit diagonal,
/// Aᵢⱼ / √(Aᵢᵢ Aⱼⱼ); finally the diagonal is set to exactly 1 and the result is exactly
/// symmetric. This is the reference NumPy repair:
/// `w, V = eigh(R); A = V @ diag(maximum(w, floor)) @ V.T; A / sqrt(outer(diag(A), diag(A)))`.
/// It is always applied: an already valid correlation matrix comes back changed only by
/// rounding (≈1e-16) if its smallest eigenvalue is at least the floor.
///
/// The result is positive definite with unit diagonal, so its Cholesky factor exists.
/// (It is a clipped spectral projection, not Higham's nearest correlation matrix in the
/// Frobenius norm.)
///
/// - Parameters:
///   - r: A symmetric n × n matrix, normally with unit diagonal.
///   - eigenvalueFloor: The smallest eigenvalue kept, > 0 (default 1e-6).
/// - Returns: The repaired n × n correlation matrix.
/// - Throws: `.notSquare`, `.nonFinite`, `.notSymmetric` for invalid input;
///   `.didNotConverge` from the eigen-decomposition.
/// - Complexity: O(n³) flops.
public func nearestCorrelation(_ r: Matrix, eigenvalueFloor: Double = 1e-6) throws(LinearAlgebraError) -> Matrix {
    precondition(eigenvalueFloor > 0 && eigenvalueFloor.isFinite,
                 "nearestCorrelation: eigenvalueFloor must be positive and finite")
    let eigen = try SymmetricEigen(r)
    let n = r.rows
    let clipped = eigen.values.map { max($0, eigenvalueFloor) }
    let v = eigen.vectors
    // A = V diag(λ') Vᵀ, lower triangle (A is symmetric by construction).
    var a = Matrix(rows: n, columns: n)
    for j in 0 ..< n {
        for i in j ..< n {
            var sum = 0.0
            for k in 0 ..< n { sum += v[i, k] * clipped[k] * v[j, k] }
            a[i, j] = sum
        }
    }
    let diagonal = (0 ..< n).map { a[$0, $0] }
    var result = Matrix(rows: n, columns: n)
    for j in 0 ..< n {
        result[j, j] = 1
        for i in (j + 1) ..< n {
            let value = a[i, j] / (diagonal[i] * diagonal[j]).squareRoot()
            result[i, j] = value
            result[j, i] = value
        }
    }
    return result
}
