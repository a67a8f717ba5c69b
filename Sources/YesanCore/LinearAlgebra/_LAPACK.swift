// The only file in yesan that imports CLAPACK (Debian's reference LAPACK, Fortran ABI).
// Everything here is `internal`: thin, typed wrappers that take column-major `[Double]`
// buffers and Swift `Int`s, and turn LAPACK's `info` into a `LAPACKError`.
// No C type (Int32, CChar, pointers) appears in any signature.

import CLAPACK

/// A failure reported by a LAPACK routine through its `info` argument.
package enum LAPACKError: Error, Equatable, Sendable {
    /// `info = -index`: argument number `index` (1-based) had an illegal value.
    /// Always a bug in the wrapper or its caller, never a property of the data.
    case illegalArgument(routine: String, index: Int)
    /// `dpotrf` `info = order > 0`: the leading minor of that order is not positive definite.
    case notPositiveDefinite(order: Int)
    /// `dtrtrs`/`dtrtri` `info = index > 0`: the diagonal element `index` (1-based) is exactly zero.
    case singular(index: Int)
    /// An iterative routine (`dsyevd`) failed to converge; `info` is LAPACK's value.
    case didNotConverge(routine: String, info: Int)
}

/// Thin wrappers over the LAPACK routines yesan uses. All matrices are column-major with
/// leading dimension `lda` (at least `max(1, rows)`); all indices in errors are 1-based.
enum LAPACK {
    // MARK: Conversions

    /// Converts a Swift size to Fortran's 32-bit INTEGER, trapping on overflow.
    private static func fortranInt(_ value: Int) -> Int32 {
        guard let v = Int32(exactly: value) else {
            preconditionFailure("LAPACK: size \(value) does not fit a 32-bit Fortran INTEGER")
        }
        return v
    }

    /// The ASCII code of a one-letter LAPACK option, as Fortran CHARACTER*1.
    private static func option(_ letter: Unicode.Scalar) -> CChar {
        CChar(bitPattern: UInt8(ascii: letter))
    }

    /// Rounds a workspace size returned by a query (`lwork = -1`) up to an `Int`.
    private static func workspaceSize(_ reported: Double, minimum: Int) -> Int {
        max(minimum, Int(reported.rounded(.up)))
    }

    /// Maps a negative `info` to `.illegalArgument`; returns positive values unchanged.
    private static func check(_ info: Int32, routine: String) throws(LAPACKError) -> Int {
        if info < 0 { throw .illegalArgument(routine: routine, index: Int(-info)) }
        return Int(info)
    }

    // MARK: Cholesky

    /// `dpotrf`: Cholesky factorisation of the symmetric positive-definite `n × n` matrix in `a`.
    /// With `lower`, the lower triangle of `a` is read and overwritten by L (A = L Lᵀ);
    /// the strict upper triangle is left untouched.
    static func dpotrf(lower: Bool, n: Int, a: inout [Double], lda: Int) throws(LAPACKError) {
        precondition(n >= 0 && lda >= max(1, n) && a.count >= lda * n)
        var uplo = option(lower ? "L" : "U")
        var n32 = fortranInt(n), lda32 = fortranInt(lda), info: Int32 = 0
        dpotrf_(&uplo, &n32, &a, &lda32, &info, 1)
        let order = try check(info, routine: "dpotrf")
        if order > 0 { throw .notPositiveDefinite(order: order) }
    }

    // MARK: QR

    /// `dgeqrf`: Householder QR of the `m × n` matrix in `a`. On return R is in the upper
    /// triangle of `a` and the reflectors below it, with their scalars in `tau` (min(m, n)).
    static func dgeqrf(m: Int, n: Int, a: inout [Double], lda: Int, tau: inout [Double]) throws(LAPACKError) {
        precondition(m >= 0 && n >= 0 && lda >= max(1, m) && a.count >= lda * n)
        tau = [Double](repeating: 0, count: max(1, min(m, n)))
        var m32 = fortranInt(m), n32 = fortranInt(n), lda32 = fortranInt(lda), info: Int32 = 0
        var query = [0.0], lwork32: Int32 = -1
        dgeqrf_(&m32, &n32, &a, &lda32, &tau, &query, &lwork32, &info)
        _ = try check(info, routine: "dgeqrf")
        let lwork = workspaceSize(query[0], minimum: max(1, n))
        var work = [Double](repeating: 0, count: lwork)
        lwork32 = fortranInt(lwork)
        dgeqrf_(&m32, &n32, &a, &lda32, &tau, &work, &lwork32, &info)
        _ = try check(info, routine: "dgeqrf")
        tau.removeLast(tau.count - min(m, n))
    }

    /// `dormqr` with side 'L': overwrites the `m × n` matrix `c` by Q·C (`transpose == false`)
    /// or Qᵀ·C (`transpose == true`), where Q is the product of the `k` reflectors that
    /// `dgeqrf` left in `a` (`lda`) and `tau`.
    static func dormqrLeft(
        transpose: Bool, m: Int, n: Int, k: Int,
        a: [Double], lda: Int, tau: [Double],
        c: inout [Double], ldc: Int
    ) throws(LAPACKError) {
        precondition(m >= 0 && n >= 0 && k >= 0 && k <= m && tau.count >= k)
        precondition(lda >= max(1, m) && a.count >= lda * k && ldc >= max(1, m) && c.count >= ldc * n)
        if m == 0 || n == 0 || k == 0 { return }
        var side = option("L"), trans = option(transpose ? "T" : "N")
        var m32 = fortranInt(m), n32 = fortranInt(n), k32 = fortranInt(k)
        var lda32 = fortranInt(lda), ldc32 = fortranInt(ldc), info: Int32 = 0
        var query = [0.0], lwork32: Int32 = -1
        dormqr_(&side, &trans, &m32, &n32, &k32, a, &lda32, tau, &c, &ldc32, &query, &lwork32, &info, 1, 1)
        _ = try check(info, routine: "dormqr")
        let lwork = workspaceSize(query[0], minimum: max(1, n))
        var work = [Double](repeating: 0, count: lwork)
        lwork32 = fortranInt(lwork)
        dormqr_(&side, &trans, &m32, &n32, &k32, a, &lda32, tau, &c, &ldc32, &work, &lwork32, &info, 1, 1)
        _ = try check(info, routine: "dormqr")
    }

    // MARK: Triangular

    /// `dtrtrs` (non-unit diagonal): solves T·X = B (`transpose == false`) or Tᵀ·X = B for the
    /// `n × nrhs` right-hand sides in `b`, where T is the upper (`upper`) or lower triangle of `a`.
    /// Throws `.singular(index:)` for an exactly zero diagonal element.
    static func dtrtrs(
        upper: Bool, transpose: Bool, n: Int, nrhs: Int,
        a: [Double], lda: Int, b: inout [Double], ldb: Int
    ) throws(LAPACKError) {
        precondition(n >= 0 && nrhs >= 0 && lda >= max(1, n) && a.count >= lda * n)
        precondition(ldb >= max(1, n) && b.count >= ldb * nrhs)
        if n == 0 || nrhs == 0 { return }
        var uplo = option(upper ? "U" : "L"), trans = option(transpose ? "T" : "N"), diag = option("N")
        var n32 = fortranInt(n), nrhs32 = fortranInt(nrhs)
        var lda32 = fortranInt(lda), ldb32 = fortranInt(ldb), info: Int32 = 0
        dtrtrs_(&uplo, &trans, &diag, &n32, &nrhs32, a, &lda32, &b, &ldb32, &info, 1, 1, 1)
        let index = try check(info, routine: "dtrtrs")
        if index > 0 { throw .singular(index: index) }
    }

    /// `dtrtri` (non-unit diagonal): overwrites the upper (`upper`) or lower triangle of the
    /// `n × n` matrix in `a` by its inverse. Throws `.singular(index:)` for a zero diagonal element.
    static func dtrtri(upper: Bool, n: Int, a: inout [Double], lda: Int) throws(LAPACKError) {
        precondition(n >= 0 && lda >= max(1, n) && a.count >= lda * n)
        if n == 0 { return }
        var uplo = option(upper ? "U" : "L"), diag = option("N")
        var n32 = fortranInt(n), lda32 = fortranInt(lda), info: Int32 = 0
        dtrtri_(&uplo, &diag, &n32, &a, &lda32, &info, 1, 1)
        let index = try check(info, routine: "dtrtri")
        if index > 0 { throw .singular(index: index) }
    }

    // MARK: Symmetric eigenproblem

    /// `dsyevd` with jobz 'V', uplo 'L': all eigenvalues (ascending, into `w`) and orthonormal
    /// eigenvectors (overwriting `a`, one per column) of the symmetric `n × n` matrix whose
    /// lower triangle is in `a`. Workspace sizes come from the `lwork = liwork = -1` query.
    static func dsyevd(n: Int, a: inout [Double], lda: Int, w: inout [Double]) throws(LAPACKError) {
        precondition(n >= 0 && lda >= max(1, n) && a.count >= lda * n)
        w = [Double](repeating: 0, count: max(1, n))
        defer { w.removeLast(w.count - n) }
        if n == 0 { return }
        var jobz = option("V"), uplo = option("L")
        var n32 = fortranInt(n), lda32 = fortranInt(lda), info: Int32 = 0
        var query = [0.0], iquery: [Int32] = [0]
        var lwork32: Int32 = -1, liwork32: Int32 = -1
        dsyevd_(&jobz, &uplo, &n32, &a, &lda32, &w, &query, &lwork32, &iquery, &liwork32, &info, 1, 1)
        _ = try check(info, routine: "dsyevd")
        // Documented minima for jobz = 'V': lwork ≥ 1 + 6n + 2n², liwork ≥ 3 + 5n.
        let lwork = workspaceSize(query[0], minimum: 1 + 6 * n + 2 * n * n)
        let liwork = max(Int(iquery[0]), 3 + 5 * n)
        var work = [Double](repeating: 0, count: lwork)
        var iwork = [Int32](repeating: 0, count: liwork)
        lwork32 = fortranInt(lwork)
        liwork32 = fortranInt(liwork)
        dsyevd_(&jobz, &uplo, &n32, &a, &lda32, &w, &work, &lwork32, &iwork, &liwork32, &info, 1, 1)
        let failure = try check(info, routine: "dsyevd")
        if failure > 0 { throw .didNotConverge(routine: "dsyevd", info: failure) }
    }
}
