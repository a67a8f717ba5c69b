/// `Summary` of one result column, equal field by field to `Summary(values)`, with a radix select
/// of the order statistics it reads in place of the comparison sort.
extension Summary {
    /// The summary of `values` (NaN: undefined): the same sums in the same order as
    /// `init(_:)`, and the same sorted values (`orderStatistics`).
    init(column values: UnsafeBufferPointer<Double>) {
        var defined = [Double]()
        defined.reserveCapacity(values.count)
        for x in values where !x.isNaN { defined.append(x) }
        let n = defined.count
        let mean = Summary.mean(defined)
        let sd = Summary.standardDeviation(defined, mean: mean)
        let se = sd.map { $0 / Double(n).squareRoot() }
        orderStatistics(&defined, for: Summary.levels)
        self.init(count: n, undefined: values.count - n, mean: mean, sd: sd, se: se, min: defined.first ?? .nan,
                  max: defined.last ?? .nan,
                  quantiles: Summary.levels.map { defined.isEmpty ? .nan : quantileOfSorted(defined, $0) })
    }

    init(count: Int, undefined: Int, mean: Double, sd: Double?, se: Double?, min: Double, max: Double, quantiles: [Double]) {
        self.count = count
        self.undefined = undefined
        self.mean = mean
        self.sd = sd
        self.se = se
        self.min = min
        self.max = max
        self.quantiles = quantiles
    }
}

/// Puts in `values` (non-NaN) the order statistics the quantiles, min and max read, at their
/// ranks' positions: by `selectOrderStatistics`, or, for a short column or one holding −0 (the only
/// value that compares equal to another with different bits), by the standard library's sort.
func orderStatistics(_ values: inout [Double], for levels: [Double]) {
    let n = values.count
    guard n > 1 else { return }
    if n < 512 || values.contains(where: { $0 == 0 && $0.sign == .minus }) {
        values.sort()
        return
    }
    selectOrderStatistics(&values, for: levels)
}

/// The order statistics that `quantileOfSorted` at `levels`, the minimum and the maximum read
/// (ranks 0, n − 1, ⌊h⌋ and ⌊h⌋ + 1 with h = q·(n − 1)), each written at its rank's position;
/// the other positions keep arbitrary values. A recursive radix select on the order-preserving
/// keys (`orderedKey`): one histogram pass on the 11 bits below the highest bit in which the
/// values differ finds the bucket of every needed rank; one more pass gathers every needed
/// bucket, and each is selected in the same way (a bucket of one repeated value, such as a budget held at its cap,
/// gives that value to all its ranks; a small one is sorted). An order statistic is a value, so
/// the bits equal a full sort's (the caller sorts columns holding −0 instead).
func selectOrderStatistics(_ values: inout [Double], for levels: [Double]) {
    let n = values.count
    var ranks: [Int] = [0, n - 1]
    for q in levels {
        let h = Double(n - 1) * q
        guard h < Double(n - 1), h >= 0 else { continue }
        let lower = Int(h.rounded(.down))
        ranks += [lower, lower + 1]
    }
    ranks = Array(Set(ranks)).sorted()
    let found = values.withUnsafeBufferPointer { select($0, ranks: ranks) }
    for (r, x) in zip(ranks, found) { values[r] = x }
}

/// The key whose unsigned order is the order of the doubles (no NaN): the sign bit flipped for
/// positives, every bit for negatives.
@inline(__always)
func orderedKey(_ x: Double) -> UInt64 {
    let bits = x.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
}

/// The values of `v` at the sorted positions `ranks` (ascending, within v), by radix select.
private func select(_ v: UnsafeBufferPointer<Double>, ranks: [Int]) -> [Double] {
    let n = v.count
    if n <= 256 {
        let sorted = v.sorted()
        return ranks.map { sorted[$0] }
    }
    var kmin = UInt64.max, kmax = UInt64.min
    for x in v {
        let k = orderedKey(x)
        kmin = Swift.min(kmin, k)
        kmax = Swift.max(kmax, k)
    }
    if kmin == kmax { return ranks.map { _ in v[0] } }  // one value, repeated
    let top = 63 - (kmin ^ kmax).leadingZeroBitCount   // the highest bit in which values differ
    let shift = UInt64(Swift.max(0, top - 10))
    // Keys share every bit above `top`: less that common prefix, they fit in shift + 11 bits, and
    // the smallest and largest fall in different buckets (bit `top` tells them apart).
    let low: UInt64 = shift + 11 >= 64 ? .max : (1 << (shift + 11)) - 1
    let base = kmin & ~low
    var counts = [Int](repeating: 0, count: 2048)
    counts.withUnsafeMutableBufferPointer { c in
        for x in v { c[Int((orderedKey(x) - base) >> shift) & 0x7FF] += 1 }
    }
    var start = [Int](repeating: 0, count: 2049)
    for i in 0..<2048 { start[i + 1] = start[i] + counts[i] }
    // Group the ranks by bucket; gather every needed bucket in one more pass; select within each.
    var needed: [(bucket: Int, ranks: [Int], positions: [Int])] = []
    var j = 0
    while j < ranks.count {
        var b = 0
        while start[b + 1] <= ranks[j] { b += 1 }
        var inBucket: [Int] = [], positions: [Int] = []
        while j < ranks.count && ranks[j] < start[b + 1] {
            inBucket.append(ranks[j] - start[b])
            positions.append(j)
            j += 1
        }
        needed.append((b, inBucket, positions))
    }
    var slot = [Int32](repeating: -1, count: 2048)
    for (i, need) in needed.enumerated() { slot[need.bucket] = Int32(i) }
    var members = needed.map { need -> [Double] in
        var m = [Double]()
        m.reserveCapacity(counts[need.bucket])
        return m
    }
    slot.withUnsafeBufferPointer { slot in
        for x in v {
            let s = slot[Int((orderedKey(x) - base) >> shift) & 0x7FF]
            if s >= 0 { members[Int(s)].append(x) }
        }
    }
    var result = [Double](repeating: 0, count: ranks.count)
    for (i, need) in needed.enumerated() {
        let found = members[i].withUnsafeBufferPointer { select($0, ranks: need.ranks) }
        for (p, x) in zip(need.positions, found) { result[p] = x }
    }
    return result
}
