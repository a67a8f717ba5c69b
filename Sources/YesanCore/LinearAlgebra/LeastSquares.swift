/// The result of an ordinary least-squares fit y ≈ X β (see `leastSquares(_:_:)`).
///
/// All quantities refer to the design matrix exactly as given (e.g. raw calendar years),
/// even though the fit is computed internally on a centred, rescaled copy.
public struct LeastSquaresFit: Sendable {
    /// The p coefficients β̂, one per column of X.
    public let coefficients: [Double]
    /// The n residuals y − X β̂.
    public let residuals: [Double]
    /// The residual sum of squares Σ residualᵢ².
    public let residualSumOfSquares: Double
    /// The residual degrees of freedom n − p (0 for an exact interpolation).
    public let degreesOfFreedom: Int
    /// (XᵀX)⁻¹, the p × p covariance of β̂ divided by σ², computed from the QR factor as
    /// R⁻¹R⁻ᵀ (XᵀX itself is never formed).
    public let unscaledCovariance: Matrix
    /// The n fitted values X β̂.
    public let fitted: [Double]

    /// β_w, the coefficients of the working problem (y − ȳ on W = X · T, with centred,
    /// power-of-two scaled columns; see `DesignTransform`).
    private let workingCoefficients: [Double]
    /// R_w⁻¹ (p × p, upper triangular) of the working design W = Q R_w.
    private let workingRInverse: Matrix
    private let transform: DesignTransform

    fileprivate init(
        coefficients: [Double], residuals: [Double], residualSumOfSquares: Double,
        degreesOfFreedom: Int, unscaledCovariance: Matrix, fitted: [Double],
        workingCoefficients: [Double], workingRInverse: Matrix, transform: DesignTransform
    ) {
        self.coefficients = coefficients
        self.residuals = residuals
        self.residualSumOfSquares = residualSumOfSquares
        self.degreesOfFreedom = degreesOfFreedom
        self.unscaledCovariance = unscaledCovariance
        self.fitted = fitted
        self.workingCoefficients = workingCoefficients
        self.workingRInverse = workingRInverse
        self.transform = transform
    }

    /// The number of coefficients p.
    public var parameterCount: Int { coefficients.count }

    /// The residual variance estimate s² = RSS / (n − p); NaN when n = p.
    public var residualVariance: Double {
        degreesOfFreedom > 0 ? residualSumOfSquares / Double(degreesOfFreedom) : .nan
    }

    /// The prediction x₀ᵀβ̂ at a new design row.
    ///
    /// Evaluated in the centred working coordinates, so a raw calendar year does not cancel
    /// against a large intercept.
    ///
    /// - Parameter x0: A design row of p elements, laid out like a row of X (precondition).
    /// - Complexity: O(p).
    public func predict(at x0: [Double]) -> Double {
        let u = transform.workingRow(x0)
        var sum = transform.responseMean * transform.interceptUnits(x0)
        for (ui, bi) in zip(u, workingCoefficients) { sum += ui * bi }
        return sum
    }

    /// The leverage x₀ᵀ(XᵀX)⁻¹x₀ of a design row, for the prediction interval
    /// ŷ₀ ± t · s · √(1 + x₀ᵀ(XᵀX)⁻¹x₀) (or √(x₀ᵀ(XᵀX)⁻¹x₀) for the mean response).
    ///
    /// Computed as ‖R⁻ᵀx₀‖² in the centred working coordinates — a sum of squares, hence
    /// non-negative and free of the cancellation that x₀ᵀ·`unscaledCovariance`·x₀ suffers
    /// with raw calendar years.
    ///
    /// - Parameter x0: A design row of p elements, laid out like a row of X (precondition).
    /// - Complexity: O(p²).
    public func leverage(at x0: [Double]) -> Double {
        let u = transform.workingRow(x0)
        let p = u.count
        var sum = 0.0
        for i in 0 ..< p {
            // v = R⁻ᵀ u, v_i = Σ_{k ≤ i} (R⁻¹)_{k i} u_k (R⁻¹ is upper triangular).
            var v = 0.0
            for k in 0 ... i { v += workingRInverse[k, i] * u[k] }
            sum += v * v
        }
        return sum
    }
}

/// The transform from the raw problem (X, y) to the working problem (W = X · T, y − ȳ)
/// that is actually factorised: if X has an intercept column (all entries equal to a
/// nonzero c), every other column and y are centred at their means; then every column is
/// scaled by a power of two (an exact operation) to a Euclidean norm in [0.5, 1).
///
/// Centring is what makes raw calendar-year regressors harmless: cond(X) ≈ 3·10⁶ for
/// years 2018…2022 with an intercept, but the centred design is perfectly conditioned;
/// centring y keeps Qᵀy free of cancellation when y varies little around a large level.
private struct DesignTransform: Sendable {
    /// The index of the intercept column, if any.
    var intercept: Int?
    /// The intercept column's constant value c.
    var interceptValue: Double = 1
    /// The column means subtracted (0 for the intercept column and when there is none).
    var means: [Double]
    /// The power-of-two column scales s_k (w_k = s_k · (x_k − m_k)).
    var scales: [Double]
    /// ȳ, subtracted from y when there is an intercept column (else 0).
    var responseMean: Double = 0

    /// How many "intercept units" a design row carries: x₀_c / c (0 without intercept).
    func interceptUnits(_ x0: [Double]) -> Double {
        intercept.map { x0[$0] / interceptValue } ?? 0
    }

    /// The working row u = Gᵀx₀ corresponding to a raw design row x₀, where G = T⁻¹…
    /// concretely u_k = s_k (x₀_k − m_k · x₀_c / c) for k ≠ c and u_c = s_c x₀_c.
    func workingRow(_ x0: [Double]) -> [Double] {
        precondition(x0.count == scales.count,
                     "LeastSquaresFit: a design row of \(x0.count) elements for \(scales.count) coefficients")
        let unit = interceptUnits(x0)
        return x0.indices.map { k in
            k == intercept ? scales[k] * x0[k] : scales[k] * (x0[k] - means[k] * unit)
        }
    }

    /// Raw coefficients from working ones (β = G β_w, plus the response mean):
    /// β_k = s_k β_w_k (k ≠ c), β_c = (ȳ − Σ_{k≠c} m_k β_k) / c + s_c β_w_c.
    func rawCoefficients(_ working: [Double]) -> [Double] {
        var beta = zip(scales, working).map { $0 * $1 }
        if let c = intercept {
            var level = responseMean
            for k in beta.indices where k != c { level -= means[k] * beta[k] }
            beta[c] += level / interceptValue
        }
        return beta
    }

    /// G = T⁻¹ as a p × p matrix (β = G β_w and (XᵀX)⁻¹ = G (WᵀW)⁻¹ Gᵀ).
    var inverseTransform: Matrix {
        let p = scales.count
        var g = Matrix(rows: p, columns: p)
        for k in 0 ..< p { g[k, k] = scales[k] }
        if let c = intercept {
            for k in 0 ..< p where k != c { g[c, k] = -means[k] * scales[k] / interceptValue }
        }
        return g
    }
}

/// Ordinary least squares: the β minimising ‖y − Xβ‖₂, by Householder QR.
///
/// Method: if X has an intercept column, the other columns and y are centred at their
/// means, and every column is scaled by an exact power of two; the working design W is
/// factorised W = QR (LAPACK `dgeqrf`), Qᵀy is formed with `dormqr`, Rβ_w = (Qᵀy)₁..ₚ is
/// solved with `dtrtrs`, and R⁻¹ comes from `dtrtri`. Fitted values and residuals are
/// ȳ + Q·[(Qᵀy)₁..ₚ; 0] and Q·[0; (Qᵀy)ₚ₊₁..ₙ]. Coefficients, (XᵀX)⁻¹ = R⁻¹R⁻ᵀ etc. are mapped back exactly
/// to the raw columns, so with calendar years as a regressor the intercept is the value
/// at year 0, as for any other least-squares routine.
///
/// Rank: column k is declared dependent when |R_kk| < 1e-13 · max_j |R_jj| of the
/// (scaled) working design — i.e. when it is, to ~13 digits, a combination of the
/// columns before it.
///
/// - Parameters:
///   - x: The n × p design matrix (include a column of ones for an intercept).
///   - y: The n observations.
/// - Returns: The fit; see `LeastSquaresFit`.
/// - Throws: `.dimensionMismatch` if `y.count != x.rows`; `.underdetermined` if n < p;
///   `.nonFinite` for NaN/∞ input; `.rankDeficient(column:)` (1-based) for dependent columns.
/// - Complexity: O(n p²) flops.
public func leastSquares(_ x: Matrix, _ y: [Double]) throws(LinearAlgebraError) -> LeastSquaresFit {
    let n = x.rows, p = x.columns
    guard y.count == n else { throw .dimensionMismatch(expected: n, actual: y.count) }
    guard n >= p else { throw .underdetermined(observations: n, parameters: p) }
    guard x.isFinite, y.allSatisfy(\.isFinite) else { throw .nonFinite }

    // 1. The working design W = X · T (centred, power-of-two scaled).
    var transform = DesignTransform(intercept: nil, means: .init(repeating: 0, count: p),
                                    scales: .init(repeating: 1, count: p))
    if n > 0, let c = (0 ..< p).first(where: { j in
        let first = x[0, j]
        return first != 0 && x.column(j).allSatisfy { $0 == first }
    }) {
        transform.intercept = c
        transform.interceptValue = x[0, c]
        for k in 0 ..< p where k != c {
            transform.means[k] = x.column(k).reduce(0, +) / Double(n)
        }
        transform.responseMean = y.reduce(0, +) / Double(n)
    }
    var w = x.storage
    for k in 0 ..< p {
        let mean = transform.means[k]
        var sumOfSquares = 0.0
        for i in 0 ..< n {
            w[i + k * n] -= mean
            sumOfSquares += w[i + k * n] * w[i + k * n]
        }
        let norm = sumOfSquares.squareRoot()
        guard norm > 0 else { throw .rankDeficient(column: k + 1) }
        // 2^-(e+1) with norm = f · 2^e, 1 ≤ f < 2: the scaled norm lies in [0.5, 1).
        let scale = Double(sign: .plus, exponent: -(norm.exponent + 1), significand: 1)
        transform.scales[k] = scale
        for i in 0 ..< n { w[i + k * n] *= scale }
    }

    // 2. QR, rank check, Qᵀy, triangular solve, R⁻¹.
    let lda = max(1, n)
    var tau: [Double] = []
    var qty = y.map { $0 - transform.responseMean }
    var rInverse = [Double](repeating: 0, count: p * p)
    var betaWorking: [Double]
    var split = [Double](repeating: 0, count: 2 * lda)  // [Qᵀy head; 0 | 0; Qᵀy tail]
    do throws(LAPACKError) {
        try LAPACK.dgeqrf(m: n, n: p, a: &w, lda: lda, tau: &tau)
    } catch {
        throw LinearAlgebraError(error)
    }
    let diagonal = (0 ..< p).map { abs(w[$0 + $0 * lda]) }
    let largest = diagonal.max() ?? 0
    if let k = diagonal.firstIndex(where: { $0 < 1e-13 * largest }) {
        throw .rankDeficient(column: k + 1)
    }
    do throws(LAPACKError) {
        try LAPACK.dormqrLeft(transpose: true, m: n, n: 1, k: p, a: w, lda: lda, tau: tau, c: &qty, ldc: lda)

        betaWorking = Array(qty.prefix(p))
        try LAPACK.dtrtrs(upper: true, transpose: false, n: p, nrhs: 1, a: w, lda: lda, b: &betaWorking, ldb: max(1, p))

        for i in 0 ..< n {
            if i < p { split[i] = qty[i] } else { split[lda + i] = qty[i] }
        }
        try LAPACK.dormqrLeft(transpose: false, m: n, n: 2, k: p, a: w, lda: lda, tau: tau, c: &split, ldc: lda)

        for j in 0 ..< p {
            for i in 0 ... j { rInverse[i + j * p] = w[i + j * lda] }
        }
        try LAPACK.dtrtri(upper: true, n: p, a: &rInverse, lda: max(1, p))
    } catch {
        throw LinearAlgebraError(error)
    }

    // 3. Back to raw coordinates: β = G β_w, (XᵀX)⁻¹ = G R⁻¹R⁻ᵀ Gᵀ.
    let rInv = Matrix(rows: p, columns: p, storage: rInverse)
    let g = transform.inverseTransform
    let gRInv = g * rInv
    var covariance = gRInv * gRInv.transposed
    for j in 0 ..< p {
        for i in 0 ..< j {  // exact symmetry
            covariance[i, j] = covariance[j, i]
        }
    }
    let fitted = split[0 ..< n].map { transform.responseMean + $0 }
    let residuals = Array(split[lda ..< lda + n])
    var rss = 0.0
    for r in residuals { rss += r * r }

    return LeastSquaresFit(
        coefficients: transform.rawCoefficients(betaWorking),
        residuals: residuals,
        residualSumOfSquares: rss,
        degreesOfFreedom: n - p,
        unscaledCovariance: covariance,
        fitted: fitted,
        workingCoefficients: betaWorking,
        workingRInverse: rInv,
        transform: transform
    )
}
