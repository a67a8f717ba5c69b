import RealModule
internal import _YesanKernels

/// Batch versions of the samplers of `Distribution+Sampling.swift` for a run of trials of one
/// stream and year: value b is exactly `d.sample(using: RandomStream(key:trial: first + b, year:))`
/// (or `standardNormal(using:)`), bit for bit. Only the way the words are computed changes: all
/// trials' first words at once with the C kernel (AVX2 when the CPU has it), then each sampler's
/// usual path straight from those words; any trial whose draw leaves the usual path (a ziggurat
/// wedge or tail, a gamma rejection) is recomputed by the sequential sampler itself.
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
        out.withMemoryRebound(to: UInt64.self, capacity: n) { words(key, trials: trials, year: year, draw: 0, into: $0) }
        let table = ZigguratNormal.shared
        let xs = table.x, fs = table.f
        let raw = UnsafeMutableRawPointer(out)
        // Four at a time in C (AVX2), in place: a NaN marks a trial the full ziggurat finishes, from
        // its word, which is recomputed (the C loop has overwritten it).
        let done = out.withMemoryRebound(to: UInt64.self, capacity: n) { yesan_normal_fast($0, xs, out, n) }
        for b in 0..<done where out[b].isNaN {
            let w = key.word(trial: trials.lowerBound + UInt64(b), year: year, draw: 0)
            var rest = RandomStream(key: key, trial: trials.lowerBound + UInt64(b), year: year, draw: 1)
            out[b] = standardNormal(first: w, using: &rest, x: xs, f: fs)
        }
        for b in done..<n {
            let w = raw.load(fromByteOffset: 8 * b, as: UInt64.self)
            if let z = fastNormal(w, xs) {
                out[b] = z
            } else {
                var rest = RandomStream(key: key, trial: trials.lowerBound + UInt64(b), year: year, draw: 1)
                out[b] = standardNormal(first: w, using: &rest, x: xs, f: fs)
            }
        }
    }

    /// Uniforms in (0, 1) (`uniformOpen` of draw 0) for `trials`, into `out`.
    static func uniforms(_ key: StreamKey, trials: Range<UInt64>, year: UInt32, into out: UnsafeMutablePointer<Double>) {
        let n = trials.count
        out.withMemoryRebound(to: UInt64.self, capacity: n) { words(key, trials: trials, year: year, draw: 0, into: $0) }
        let raw = UnsafeMutableRawPointer(out)
        for b in 0..<n { out[b] = uniformOpen(raw.load(fromByteOffset: 8 * b, as: UInt64.self)) }
    }

    /// The ziggurat's first attempt (a point inside its layer's rectangle: 98.8 % of draws), or
    /// nil when the full algorithm is needed.
    @inline(__always)
    static func fastNormal(_ w: UInt64, _ xs: UnsafeMutablePointer<Double>) -> Double? {
        let i = Int(truncatingIfNeeded: w & 0xFF)
        let x = Double(Int64(bitPattern: w >> 11)) * 0x1p-53 * xs[i]
        guard x < xs[i + 1] else { return nil }
        return w & 0x100 != 0 ? -x : x
    }

    /// Marsaglia–Tsang's first attempt for Gamma(shape ≥ 1, 1) from a normal word and a uniform
    /// word, accepted by the squeeze or the log test (as `standardGamma`), or nil.
    @inline(__always)
    static func fastGamma(_ w: UInt64, _ u: UInt64, d: Double, c: Double, k: Double, _ xs: UnsafeMutablePointer<Double>) -> Double? {
        guard let x = fastNormal(w, xs) else { return nil }
        var v = 1 + c * x
        guard v > 0 else { return nil }
        v = v * v * v
        let uniform = uniformOpen(u)
        if gammaSqueeze(x: x, u: uniform, c: c, k: k) { return d * v }
        let x2 = x * x
        if Double.log(uniform) < 0.5 * x2 + d * (1 - v + Double.log(v)) { return d * v }
        return nil
    }

    /// `standardGamma(shape:)`'s first attempt from prefetched words: Gamma(shape) for shape ≥ 1
    /// (two words), else Gamma(shape + 1) and the uniform that boosts it (three words).
    struct GammaWords {
        let shape, d, c, k: Double
        let words: Int

        init(shape: Double) {
            self.shape = shape
            d = (shape < 1 ? shape + 1 : shape) - 1.0 / 3.0
            c = 1 / (9 * d).squareRoot()
            k = gammaSqueezeSlope(d)
            words = shape < 1 ? 3 : 2
        }

        /// The value from words `w[0]`, `w[stride]` (and `w[2 · stride]`), or nil when the
        /// sequential sampler is needed.
        @inline(__always)
        func value(_ w: UnsafeMutablePointer<UInt64>, _ stride: Int, _ xs: UnsafeMutablePointer<Double>) -> Double? {
            guard let g = fastGamma(w[0], w[stride], d: d, c: c, k: k, xs) else { return nil }
            guard shape < 1 else { return g }
            let logValue = Double.log(g) + Double.log(uniformOpen(w[2 * stride])) / shape
            return Swift.max(Double.exp(logValue), .leastNormalMagnitude)
        }
    }

    /// `d.sample(using:)` for every trial of `trials` in `year`, into `out`; `scratch` holds
    /// `prefetchCount(d)` rows of `stride` words.
    static func sample(_ d: Distribution, _ key: StreamKey, trials: Range<UInt64>, year: UInt32,
                       scratch: UnsafeMutablePointer<UInt64>, stride: Int, into out: UnsafeMutablePointer<Double>) {
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
        let xs = ZigguratNormal.shared.x
        switch d.family {
        case .gamma(let shape, let scale):
            let gamma = GammaWords(shape: shape)
            for b in 0..<n {
                if let g = gamma.value(scratch + b, stride, xs) {
                    out[b] = d.clip(scale * g)
                } else {
                    out[b] = slow(d, key, trials.lowerBound + UInt64(b), year, scratch + b, stride, k)
                }
            }
        case .beta(let alpha, let beta) where !(alpha <= 1 && beta <= 1):
            betaLanes(d, alpha, beta, low: 0, width: 1, key, trials, year, scratch, stride, k, out)
        case .pert(let a, let mode, let b, let lambda):
            let (alpha, beta) = Distribution.pertShapes(min: a, mode: mode, max: b, lambda: lambda)
            // As `standardBeta` decides: shapes that both round to 1 (a tiny lambda) take Jöhnk's
            // method, in `slow`.
            if !(alpha <= 1 && beta <= 1) {
                betaLanes(d, alpha, beta, low: a, width: b - a, key, trials, year, scratch, stride, k, out)
            } else {
                for i in 0..<n { out[i] = slow(d, key, trials.lowerBound + UInt64(i), year, scratch + i, stride, k) }
            }
        default:
            for b in 0..<n { out[b] = slow(d, key, trials.lowerBound + UInt64(b), year, scratch + b, stride, k) }
        }
    }

    /// Beta by two gammas, as `standardBeta` when the shapes are not both ≤ 1, scaled onto
    /// [low, low + width] for PERT (low 0, width 1: plain beta, returned as is). A shape below 1
    /// boosts its gamma with one more word (`GammaWords`).
    @inline(__always)
    static func betaLanes(_ d: Distribution, _ alpha: Double, _ beta: Double, low: Double, width: Double, _ key: StreamKey,
                          _ trials: Range<UInt64>, _ year: UInt32, _ scratch: UnsafeMutablePointer<UInt64>, _ stride: Int,
                          _ k: Int, _ out: UnsafeMutablePointer<Double>) {
        let xs = ZigguratNormal.shared.x
        let first = GammaWords(shape: alpha), second = GammaWords(shape: beta)
        let plain = low == 0 && width == 1
        // Both shapes ≥ 1: the usual path of every trial in C (AVX-512 or AVX2), NaN where it
        // does not apply; scaled and clipped (a NaN stays NaN through both).
        var done = 0
        if alpha >= 1 && beta >= 1 {
            done = yesan_beta_fast(scratch, scratch + stride, scratch + 2 * stride, scratch + 3 * stride, xs,
                                   first.d, first.c, first.k, second.d, second.c, second.k, out, trials.count)
            if plain {
                for b in 0..<done { out[b] = d.clip(out[b]) }
            } else {
                for b in 0..<done { out[b] = d.clip(low + width * out[b]) }
            }
        }
        // The other trials: the first attempt from the words in Swift, else the sequential sampler.
        @inline(__always) func finish(_ b: Int) {
            if let g1 = first.value(scratch + b, stride, xs),
               let g2 = second.value(scratch + first.words * stride + b, stride, xs),
               case let r = g1 / (g1 + g2), r > 0 && r < 1 {
                out[b] = d.clip(plain ? r : low + width * r)
            } else {
                out[b] = slow(d, key, trials.lowerBound + UInt64(b), year, scratch + b, stride, k)
            }
        }
        for b in 0..<done where out[b].isNaN { finish(b) }
        for b in done..<trials.count { finish(b) }
    }

    /// The sequential sampler for one trial, reading the words already computed.
    @inline(never)
    static func slow(_ d: Distribution, _ key: StreamKey, _ trial: UInt64, _ year: UInt32,
                     _ words: UnsafeMutablePointer<UInt64>, _ stride: Int, _ count: Int) -> Double {
        var s = PrefetchedStream(words: words, stride: stride, count: count, key: key, trial: trial, year: year)
        return d.sample(using: &s)
    }
}
