import RealModule
internal import _YesanKernels

/// Batch versions of the samplers of `Distribution+Sampling.swift` for a run of trials of one
/// stream and year: value b is exactly `d.sample(using: RandomStream(key:trial: first + b, year:))`
/// (or `standardNormal(using:)`), bit for bit. Only the way the words are computed changes: all
/// trials' first words at once with the C kernel (AVX2 when the CPU has it), then each sampler's
/// usual path straight from those words; any trial whose draw leaves the usual path (a ziggurat
/// wedge or tail, a gamma rejection) is recomputed by the sequential sampler itself, or, for gamma,
/// beta and PERT, by its scalar copy in C (`beta.c`), which reads the same words.
enum BatchDraws {
    /// Word `draw` of (trial, year) for `trials`, into `out[0..<trials.count]`.
    @inline(__always)
    static func words(_ key: StreamKey, trials: Range<UInt64>, year: UInt32, draw: UInt32, into out: UnsafeMutablePointer<UInt64>) {
        yesan_philox_fill(key.rawValue, year, draw, trials.lowerBound, trials.count, out)
    }

    /// `words` through the widest Philox path up to `level` (3 AVX-512F, 2 AVX2, 0 scalar) that
    /// the CPU has, for the tests that check every path.
    static func words(_ key: StreamKey, trials: Range<UInt64>, year: UInt32, draw: UInt32, level: Int32,
                      into out: UnsafeMutablePointer<UInt64>) {
        yesan_philox_fill_level(level, key.rawValue, year, draw, trials.lowerBound, trials.count, out)
    }

    /// Standard normals (ziggurat, docs/randomness.md) for `trials`, into `out`.
    static func normals(_ key: StreamKey, trials: Range<UInt64>, year: UInt32, into out: UnsafeMutablePointer<Double>) {
        let n = trials.count
        // The first words, then in place, in C: the rectangle eight or four trials at a time, the
        // whole ziggurat for the others (`yesan_normal_sample`).
        out.withMemoryRebound(to: UInt64.self, capacity: n) { w in
            words(key, trials: trials, year: year, draw: 0, into: w)
            var draws = lanes(key, trials, year, w, n, 1, 3)
            yesan_normal_sample(&draws, out, n)
        }
    }

    /// Uniforms in (0, 1) (`uniformOpen` of draw 0) for `trials`, into `out`.
    static func uniforms(_ key: StreamKey, trials: Range<UInt64>, year: UInt32, into out: UnsafeMutablePointer<Double>) {
        let n = trials.count
        out.withMemoryRebound(to: UInt64.self, capacity: n) { words(key, trials: trials, year: year, draw: 0, into: $0) }
        let raw = UnsafeMutableRawPointer(out)
        for b in 0..<n { out[b] = uniformOpen(raw.load(fromByteOffset: 8 * b, as: UInt64.self)) }
    }

    /// `d.sample(using:)` for every trial of `trials` in `year`, into `out`; `scratch` holds
    /// `prefetchCount(d)` rows of `stride` words. `level` caps the vector path of gamma, beta and
    /// PERT (3 AVX-512, 2 AVX2, 0 none: the same values on each), for the tests.
    static func sample(_ d: Distribution, _ key: StreamKey, trials: Range<UInt64>, year: UInt32,
                       scratch: UnsafeMutablePointer<UInt64>, stride: Int, into out: UnsafeMutablePointer<Double>,
                       level: Int32 = 3) {
        let n = trials.count
        let k = prefetchCount(d)
        if k == 0 {
            var rng = RandomStream(key: key, trial: 0, year: year)
            out.update(repeating: d.sample(using: &rng), count: n)
            return
        }
        switch d.family {
        case .normal(let mean, let sd):
            normals(key, trials: trials, year: year, into: out)
            for b in 0..<n { out[b] = d.clip(mean + sd * out[b]) }
            return
        case .lognormal(let mu, let sigma):
            normals(key, trials: trials, year: year, into: out)
            for b in 0..<n { out[b] = d.clip(Double.exp(mu + sigma * out[b])) }
            return
        case .uniform(let lo, let hi):
            // The formulas of Distribution.unclippedQuantile, inlined per family (same bits).
            uniforms(key, trials: trials, year: year, into: out)
            for b in 0..<n { let u = out[b]; out[b] = d.clip(u >= 1 ? hi : lo + (hi - lo) * u) }
            return
        case .triangular(let a, let c, let hi):
            uniforms(key, trials: trials, year: year, into: out)
            let split = (c - a) / (hi - a)
            for b in 0..<n {
                let u = out[b]
                out[b] = d.clip(u <= split ? a + (u * (hi - a) * (c - a)).squareRoot() : hi - ((1 - u) * (hi - a) * (hi - c)).squareRoot())
            }
            return
        case .discrete(let values, let cumulative):
            uniforms(key, trials: trials, year: year, into: out)
            values.withUnsafeBufferPointer { v in
                cumulative.withUnsafeBufferPointer { cdf in
                    if v.count <= 8 {
                        // The first i with cdf[i] ≥ u is the number of cdf[i] < u before the
                        // last (cdf increases): a count without branches for a few values.
                        for b in 0..<n {
                            let u = out[b]
                            var index = 0
                            for i in 0..<(v.count - 1) { index += cdf[i] < u ? 1 : 0 }
                            out[b] = d.clip(v[index])
                        }
                        return
                    }
                    for b in 0..<n {
                        let u = out[b]
                        var lo = 0, hi = v.count - 1
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            if cdf[mid] >= u { hi = mid } else { lo = mid + 1 }
                        }
                        out[b] = d.clip(v[lo])
                    }
                }
            }
            return
        case .bernoulli:
            uniforms(key, trials: trials, year: year, into: out)
            for b in 0..<n { out[b] = d.quantile(out[b]) }
            return
        default:
            break
        }
        for j in 0..<k { words(key, trials: trials, year: year, draw: UInt32(j), into: scratch + j * stride) }
        // Gamma, and beta or PERT by two gammas (the shapes not both ≤ 1, as `standardBeta`
        // decides): the whole sampler in C, scale and clip included (`yesan_beta_sample`).
        switch d.family {
        case .gamma(let shape, let scale):
            var draws = lanes(key, trials, year, scratch, stride, k, level)
            yesan_gamma_sample(&draws, yesan_gamma(shape: shape), scale, d.clipLower, d.clipUpper, out, n)
            return
        case .beta(let alpha, let beta) where !(alpha <= 1 && beta <= 1):
            // low 0, width 1: 0 + 1 · r is r itself for every r in (0, 1), so the value is clip(r).
            var draws = lanes(key, trials, year, scratch, stride, k, level)
            yesan_beta_sample(&draws, yesan_gamma(shape: alpha), yesan_gamma(shape: beta), 0, 1,
                              d.clipLower, d.clipUpper, out, n)
            return
        case .pert(let a, let mode, let b, let lambda):
            let (alpha, beta) = Distribution.pertShapes(min: a, mode: mode, max: b, lambda: lambda)
            // As `standardBeta` decides: shapes that both round to 1 (a tiny lambda) take Jöhnk's
            // method, in `slow` below.
            if !(alpha <= 1 && beta <= 1) {
                var draws = lanes(key, trials, year, scratch, stride, k, level)
                yesan_beta_sample(&draws, yesan_gamma(shape: alpha), yesan_gamma(shape: beta), a, b - a,
                                  d.clipLower, d.clipUpper, out, n)
                return
            }
        default:
            break
        }
        for b in 0..<n { out[b] = slow(d, key, trials.lowerBound + UInt64(b), year, scratch + b, stride, k) }
    }

    /// The C samplers' view of the words: those of `PrefetchedStream` for every trial of `trials`
    /// (the first `k` from the rows of `scratch`, later ones computed as needed).
    @inline(__always)
    static func lanes(_ key: StreamKey, _ trials: Range<UInt64>, _ year: UInt32, _ scratch: UnsafeMutablePointer<UInt64>,
                      _ stride: Int, _ k: Int, _ level: Int32) -> yesan_draws {
        let table = ZigguratNormal.shared
        return yesan_draws(words: scratch, stride: stride, prefetched: UInt32(k), year: year, key: key.rawValue,
                           first: trials.lowerBound, xs: table.x, fs: table.f, tail: ZigguratNormal.r, level: level)
    }

    /// The sequential sampler for one trial, reading the words already computed.
    @inline(never)
    static func slow(_ d: Distribution, _ key: StreamKey, _ trial: UInt64, _ year: UInt32,
                     _ words: UnsafeMutablePointer<UInt64>, _ stride: Int, _ count: Int) -> Double {
        var s = PrefetchedStream(words: words, stride: stride, count: count, key: key, trial: trial, year: year)
        return d.sample(using: &s)
    }
}

extension yesan_gamma {
    /// The constants of `standardGamma(shape:)` for `shape` (those of shape + 1 when shape < 1,
    /// which it boosts), computed by the same expressions, so the C sampler's are the same bits.
    init(shape: Double) {
        let d = (shape < 1 ? shape + 1 : shape) - 1.0 / 3.0
        self.init(shape: shape, d: d, c: 1 / (9 * d).squareRoot(), k: gammaSqueezeSlope(d))
    }
}
