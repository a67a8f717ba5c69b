/// The Philox4x32-10 counter-based generator of Salmon, Moraes, Dror and Shaw,
/// "Parallel random numbers: as easy as 1, 2, 3" (SC '11), as in Random123.
///
/// A pure function of a 128-bit counter and a 64-bit key: no state, so any draw can be computed
/// directly, on any thread, in any order. Ten rounds; passes TestU01 BigCrush (Random123).
public enum Philox4x32 {
    @usableFromInline static let m0: UInt64 = 0xD251_1F53
    @usableFromInline static let m1: UInt64 = 0xCD9E_8D57
    @usableFromInline static let w0: UInt32 = 0x9E37_79B9
    @usableFromInline static let w1: UInt32 = 0xBB67_AE85

    /// One Philox4x32-10 block.
    ///
    /// - Parameters:
    ///   - counter: the four 32-bit counter words (c0, c1, c2, c3).
    ///   - key: the two 32-bit key words (k0, k1).
    /// - Returns: four 32-bit random words.
    /// - Complexity: 10 rounds of two 32×32→64-bit multiplications.
    @inlinable @inline(__always)
    public static func block(
        _ counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)
    ) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 {
                k0 &+= w0
                k1 &+= w1
            }
            let p0 = m0 &* UInt64(c0)
            let p1 = m1 &* UInt64(c2)
            let n0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0
            let n1 = UInt32(truncatingIfNeeded: p1)
            let n2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1
            let n3 = UInt32(truncatingIfNeeded: p0)
            (c0, c1, c2, c3) = (n0, n1, n2, n3)
        }
        return (c0, c1, c2, c3)
    }
}

extension Philox4x32 {
    /// Eight Philox4x32-10 blocks at once, lane by lane equal to `block(_:key:)`.
    ///
    /// Every 32-bit word sits zero-extended in a 64-bit lane, so that each multiplication is a
    /// 32×32→64-bit vector multiply (`pmuludq`) and the compiler keeps the eight independent
    /// blocks in vector registers.
    @inlinable @inline(__always)
    public static func blocks(
        _ c0: SIMD8<UInt64>, _ c1: SIMD8<UInt64>, _ c2: SIMD8<UInt64>, _ c3: SIMD8<UInt64>,
        key: (UInt32, UInt32)
    ) -> (SIMD8<UInt64>, SIMD8<UInt64>, SIMD8<UInt64>, SIMD8<UInt64>) {
        let low = SIMD8<UInt64>(repeating: 0xFFFF_FFFF)
        let mul0 = SIMD8<UInt64>(repeating: m0), mul1 = SIMD8<UInt64>(repeating: m1)
        var x0 = c0, x1 = c1, x2 = c2, x3 = c3
        var k0 = key.0, k1 = key.1
        for round in 0..<10 {
            if round > 0 {
                k0 &+= w0
                k1 &+= w1
            }
            let p0 = (x0 & low) &* mul0
            let p1 = (x2 & low) &* mul1
            let n0 = (p1 &>> 32) ^ x1 ^ SIMD8(repeating: UInt64(k0))
            let n2 = (p0 &>> 32) ^ x3 ^ SIMD8(repeating: UInt64(k1))
            x0 = n0
            x1 = p1 & low
            x2 = n2
            x3 = p0 & low
        }
        return (x0, x1, x2, x3)
    }
}
