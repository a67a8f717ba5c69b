/// The key of one random stream: a scenario's seed combined with a quantity's identity.
///
/// SPEC 5: every random number is a pure function of (seed, identity, trial, year, draw). The
/// identity is a string such as `driver:임금상승률` or `program:신중년경력형:execution`; callers pass
/// it normalised to NFC (the scenario layer does). Derivation, fixed for the lifetime of the format:
///
///     identityHash = fmix64(FNV-1a-64(UTF-8 bytes of identity))
///     key          = identityHash XOR fmix64(seed)
///
/// where `fmix64` is MurmurHash3's 64-bit finaliser. The key's low 32 bits are Philox key word
/// k0 and its high 32 bits k1.
public struct StreamKey: Hashable, Sendable {
    /// The 64-bit Philox key.
    public let rawValue: UInt64

    /// A key from its raw 64-bit value.
    @inlinable
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The key of `identity`'s stream under `seed`.
    public init(seed: UInt64, identity: String) {
        self.rawValue = StreamKey.identityHash(identity) ^ StreamKey.fmix64(seed)
    }

    /// The 64-bit hash of an identity string (FNV-1a over its UTF-8 bytes, then `fmix64`).
    public static func identityHash(_ identity: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in identity.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        return fmix64(h)
    }

    /// MurmurHash3's 64-bit finaliser: a bijection that mixes every input bit into every output bit.
    @inlinable
    public static func fmix64(_ x: UInt64) -> UInt64 {
        var k = x
        k ^= k >> 33
        k &*= 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33
        k &*= 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }

    /// The 64-bit word number `draw` of (trial, year) in this stream.
    ///
    /// Counter layout: c0 = draw, c1 = year index, (c2, c3) = low and high 32 bits of trial ÷ 2;
    /// the block's words (w0, w1) serve the even trial and (w2, w3) the odd one, each as
    /// `hi << 32 | lo`. Two neighbouring trials thus share one Philox block, so that drawing a
    /// quantity for a run of trials uses every bit the generator makes.
    @inlinable @inline(__always)
    public func word(trial: UInt64, year: UInt32, draw: UInt32) -> UInt64 {
        let pair = trial >> 1
        let r = Philox4x32.block(
            (draw, year, UInt32(truncatingIfNeeded: pair), UInt32(truncatingIfNeeded: pair >> 32)),
            key: (UInt32(truncatingIfNeeded: rawValue), UInt32(truncatingIfNeeded: rawValue >> 32)))
        return trial & 1 == 0
            ? UInt64(r.1) << 32 | UInt64(r.0)
            : UInt64(r.3) << 32 | UInt64(r.2)
    }

    /// Word `draw` of (trial, year) for every trial of `trials`, written to `output` in order.
    ///
    /// Equal, element by element, to `word(trial:year:draw:)`, at about half the cost per word.
    /// - Precondition: `output.count == trials.count`.
    @inlinable
    public func fillWords(
        trials: Range<UInt64>, year: UInt32, draw: UInt32, into output: UnsafeMutableBufferPointer<UInt64>
    ) {
        precondition(output.count == trials.count, "output must hold one word per trial")
        guard !trials.isEmpty else { return }
        let k = (UInt32(truncatingIfNeeded: rawValue), UInt32(truncatingIfNeeded: rawValue >> 32))
        var t = trials.lowerBound
        var i = 0
        if t & 1 == 1 {
            output[0] = word(trial: t, year: year, draw: draw)
            t += 1
            i = 1
        }
        // Sixteen trials (eight blocks) at a time in vector lanes, then pairs.
        let lanes = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        let c0 = SIMD8<UInt64>(repeating: UInt64(draw)), c1 = SIMD8<UInt64>(repeating: UInt64(year))
        while t + 16 <= trials.upperBound {
            let pairs = SIMD8<UInt64>(repeating: t >> 1) &+ lanes
            let r = Philox4x32.blocks(c0, c1, pairs & 0xFFFF_FFFF, pairs &>> 32, key: k)
            let even = (r.1 &<< 32) | r.0, odd = (r.3 &<< 32) | r.2
            for j in 0..<8 {
                output[i + 2 * j] = even[j]
                output[i + 2 * j + 1] = odd[j]
            }
            t += 16
            i += 16
        }
        while t + 1 < trials.upperBound {
            let pair = t >> 1
            let r = Philox4x32.block(
                (draw, year, UInt32(truncatingIfNeeded: pair), UInt32(truncatingIfNeeded: pair >> 32)), key: k)
            output[i] = UInt64(r.1) << 32 | UInt64(r.0)
            output[i + 1] = UInt64(r.3) << 32 | UInt64(r.2)
            t += 2
            i += 2
        }
        if t < trials.upperBound {
            output[i] = word(trial: t, year: year, draw: draw)
        }
    }
}
