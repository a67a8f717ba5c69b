/// The sequence of draws of one quantity in one (trial, year): draw 0, 1, 2, … of its stream.
///
/// A `RandomNumberGenerator`, so samplers take it as `using rng: inout some RandomNumberGenerator`.
/// Creating one is free; it holds no buffer, and `next()` is `key.word(trial:year:draw:)` with
/// the draw index advanced. A sampler may consume any number of draws (rejection samplers do);
/// the streams of other (trial, year) pairs and other quantities are unaffected.
public struct RandomStream: RandomNumberGenerator, Sendable {
    /// The stream's key (seed and identity).
    public let key: StreamKey
    /// The trial index.
    public let trial: UInt64
    /// The year index (0 for the base year; per-trial quantities use 0).
    public let year: UInt32
    /// The index of the next draw.
    public var draw: UInt32

    /// The draws of `key` in (trial, year), starting at `draw`.
    @inlinable
    public init(key: StreamKey, trial: UInt64, year: UInt32 = 0, draw: UInt32 = 0) {
        self.key = key
        self.trial = trial
        self.year = year
        self.draw = draw
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let w = key.word(trial: trial, year: year, draw: draw)
        draw &+= 1
        return w
    }
}

/// A double in [0, 1) from the top 53 bits of a word: k · 2⁻⁵³ for k in 0 ..< 2⁵³.
/// (The shifted word fits in an Int64, whose conversion is one instruction on x86-64.)
@inlinable @inline(__always)
public func uniformHalfOpen(_ word: UInt64) -> Double {
    Double(Int64(bitPattern: word >> 11)) * 0x1p-53
}

/// A double in (0, 1) from the top 53 bits of a word: like `uniformHalfOpen`, with 0 replaced
/// by 2⁻⁵⁴. Never 0 or 1, so safe for logarithms and inverse CDFs; the largest value is 1 − 2⁻⁵³.
@inlinable @inline(__always)
public func uniformOpen(_ word: UInt64) -> Double {
    Swift.max(Double(Int64(bitPattern: word >> 11)) * 0x1p-53, 0x1p-54)
}

extension RandomNumberGenerator {
    /// A uniform double in (0, 1) (see `uniformOpen(_:)`), consuming one draw.
    @inlinable @inline(__always)
    public mutating func nextOpenUnit() -> Double { uniformOpen(next()) }
}
