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
