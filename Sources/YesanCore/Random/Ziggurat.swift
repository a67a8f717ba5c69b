import RealModule

/// Marsaglia and Tsang's ziggurat for the standard normal ("The ziggurat method for generating
/// random variables", J. Stat. Softw. 5(8), 2000), 256 layers, one 64-bit draw per attempt.
///
/// Bits of a draw: 0–7 choose the layer, bit 8 the sign, bits 11–63 the 53-bit position in the
/// layer. About 98.8 % of normals take exactly one draw; the rest (wedges, with one more draw
/// per test, and the tail beyond r ≈ 3.654, Marsaglia's 1964 method with two draws per
/// attempt) take a few more.
@usableFromInline
final class ZigguratNormal: @unchecked Sendable {
    // @unchecked: the tables are written once in `init` and only read afterwards.
    /// Right edge of the base layer: the start of the tail.
    @usableFromInline static let r = 3.654_152_885_361_008_8
    /// Area of every layer (the base layer includes the tail).
    @usableFromInline static let v = 0.004_928_673_233_99

    /// x[0] = v / f(r), x[1] = r, …, x[256] = 0: the layers' right edges (257 entries).
    @usableFromInline let x: UnsafeMutablePointer<Double>
    /// f[i] = exp(−x[i]² / 2).
    @usableFromInline let f: UnsafeMutablePointer<Double>

    @usableFromInline static let shared = ZigguratNormal()

    init() {
        x = .allocate(capacity: 257)
        f = .allocate(capacity: 257)
        let r = Self.r, v = Self.v
        let fr = Double.exp(-0.5 * r * r)
        x[0] = v / fr
        x[1] = r
        for i in 1..<255 {
            x[i + 1] = (-2 * Double.log(v / x[i] + Double.exp(-0.5 * x[i] * x[i]))).squareRoot()
        }
        x[256] = 0
        for i in 0...256 { f[i] = Double.exp(-0.5 * x[i] * x[i]) }
        f[0] = fr  // the base layer's lower edge is the curve's height at r
    }
    // Never deallocated: one immortal instance.
}

/// A standard normal variate from `rng`, by the ziggurat method.
///
/// - Complexity: one draw of `rng` with probability ≈ 0.988; a few more otherwise.
@inlinable
public func standardNormal<R: RandomNumberGenerator>(using rng: inout R) -> Double {
    standardNormal(first: rng.next(), using: &rng)
}

/// A standard normal whose first draw `first` is already taken (batch fills prefetch it);
/// further draws, if the first attempt is rejected, come from `rng`.
@inlinable
public func standardNormal<R: RandomNumberGenerator>(first: UInt64, using rng: inout R) -> Double {
    let table = ZigguratNormal.shared
    return standardNormal(first: first, using: &rng, x: table.x, f: table.f)
}

/// The ziggurat with its tables passed in, so that batch loops load them once.
@inlinable @inline(__always)
func standardNormal<R: RandomNumberGenerator>(
    first: UInt64, using rng: inout R, x xs: UnsafeMutablePointer<Double>, f fs: UnsafeMutablePointer<Double>
) -> Double {
    var w = first
    while true {
        let i = Int(truncatingIfNeeded: w & 0xFF)
        let negative = w & 0x100 != 0
        let x = Double(Int64(bitPattern: w >> 11)) * 0x1p-53 * xs[i]
        if x < xs[i + 1] { return negative ? -x : x }
        if i == 0 {
            // The tail beyond r: x = r + E1/r, accepted when 2·E2 > (E1/r)².
            let r = ZigguratNormal.r
            while true {
                let e1 = -Double.log(rng.nextOpenUnit()) / r
                let e2 = -Double.log(rng.nextOpenUnit())
                if e2 + e2 >= e1 * e1 { return negative ? -(r + e1) : r + e1 }
            }
        }
        let y = fs[i] + uniformHalfOpen(rng.next()) * (fs[i + 1] - fs[i])
        if y < Double.exp(-0.5 * x * x) { return negative ? -x : x }
        w = rng.next()
    }
}

extension StreamKey {
    /// A standard normal for every trial of `trials` in `year`, each exactly
    /// `standardNormal(using: &RandomStream(key: self, trial: t, year: year))`.
    ///
    /// - Precondition: `output.count == trials.count`.
    @inlinable
    public func fillStandardNormals(
        trials: Range<UInt64>, year: UInt32, into output: UnsafeMutableBufferPointer<Double>
    ) {
        let table = ZigguratNormal.shared
        let xs = table.x, fs = table.f
        fillFromFirstWords(trials: trials, year: year, into: output) { i, w in
            var rest = RandomStream(key: self, trial: trials.lowerBound + UInt64(i), year: year, draw: 1)
            return standardNormal(first: w, using: &rest, x: xs, f: fs)
        }
    }

    /// A uniform double in (0, 1) (see `uniformOpen(_:)`) for every trial of `trials`: draw 0 of
    /// each (trial, year).
    @inlinable
    public func fillOpenUniforms(
        trials: Range<UInt64>, year: UInt32, into output: UnsafeMutableBufferPointer<Double>
    ) {
        fillFromFirstWords(trials: trials, year: year, into: output) { _, w in uniformOpen(w) }
    }

    /// Draw 0 of every trial of `trials`, computed two trials per Philox block into `output`
    /// itself (a Double and a UInt64 have the same size and alignment), then replaced in place
    /// by `transform(index, word)`.
    @inlinable @inline(__always)
    func fillFromFirstWords(
        trials: Range<UInt64>, year: UInt32, into output: UnsafeMutableBufferPointer<Double>,
        _ transform: (Int, UInt64) -> Double
    ) {
        precondition(output.count == trials.count, "output must hold one value per trial")
        guard let base = output.baseAddress else { return }
        base.withMemoryRebound(to: UInt64.self, capacity: output.count) { words in
            fillWords(trials: trials, year: year, draw: 0,
                      into: UnsafeMutableBufferPointer(start: words, count: output.count))
        }
        for i in 0..<output.count {
            output[i] = transform(i, UnsafeMutableRawPointer(base + i).load(as: UInt64.self))
        }
    }
}
