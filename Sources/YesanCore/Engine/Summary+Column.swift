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

/// Puts in `values` (non-NaN) the order statistics the quantiles, min and max read: usually by
/// `selectOrderStatistics`, else by sorting them all.
///
/// The sort: A column without −0 has no
/// two values that compare equal with different bits, so any correct sort gives the bits of the
/// standard library's: an LSD radix sort on 11-bit digits of an order-preserving key (sign bit
/// flipped for positives, all bits for negatives), skipping digits every value shares, then the
/// values read back from the keys. A column holding −0 uses the standard library's stable sort.
func orderStatistics(_ values: inout [Double], for levels: [Double]) {
    let n = values.count
    guard n > 1 else { return }
    if n < 512 || values.contains(where: { $0 == 0 && $0.sign == .minus }) {
        values.sort()
        return
    }
    if selectOrderStatistics(&values, for: levels) { return }
    var keys = values.map { x -> UInt64 in
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
    var other = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 2048)
    var shift: UInt64 = 0
    while shift < 64 {
        let digit = { (k: UInt64) in Int((k >> shift) & 0x7FF) }
        for i in 0..<2048 { counts[i] = 0 }
        for k in keys { counts[digit(k)] += 1 }
        if counts[digit(keys[0])] != n {
            var total = 0
            for i in 0..<2048 {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            keys.withUnsafeBufferPointer { source in
                other.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { next in
                        for k in source {
                            let d = Int((k >> shift) & 0x7FF)
                            target[next[d]] = k
                            next[d] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
        }
        shift += 11
    }
    for i in 0..<n {
        let k = keys[i]
        values[i] = Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
    }
}

/// The order statistics that `quantileOfSorted` at `levels`, the minimum and the maximum read
/// (ranks 0, n − 1, ⌊h⌋ and ⌊h⌋ + 1 with h = q·(n − 1)), each written at its rank's position;
/// the other positions keep arbitrary values. A radix select: the order-preserving keys of the
/// minimum and the maximum give the highest bit in which values differ; one histogram pass on the
/// 11 bits from there down finds the bucket of every needed rank, and only those buckets are
/// gathered and sorted, except a bucket whose values are all the same bits (an atom, such as a
/// budget held at its cap), whose ranks all take that value. An order statistic is a value, so
/// the bits equal a full sort's (the caller sorts columns holding −0 instead). Returns false,
/// changing nothing, when the needed buckets other than atoms hold more than an eighth of the
/// values (a concentrated column): then sort.
func selectOrderStatistics(_ values: inout [Double], for levels: [Double]) -> Bool {
    let n = values.count
    @inline(__always) func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
    var lo = values[0], hi = values[0]
    for x in values { lo = Swift.min(lo, x); hi = Swift.max(hi, x) }
    let kmin = key(lo), kmax = key(hi)
    var ranks: [Int] = [0, n - 1]
    for q in levels {
        let h = Double(n - 1) * q
        guard h < Double(n - 1), h >= 0 else { continue }
        let lower = Int(h.rounded(.down))
        ranks += [lower, lower + 1]
    }
    ranks = Array(Set(ranks)).sorted()
    if kmin == kmax {                                   // every value is the same
        return true
    }
    let top = 63 - (kmin ^ kmax).leadingZeroBitCount  // the highest bit in which values differ
    let shift = UInt64(Swift.max(0, top - 10))
    // Keys share every bit above `top`: subtracting that common prefix leaves shift + 11 bits.
    let low: UInt64 = shift + 11 >= 64 ? .max : (1 << (shift + 11)) - 1
    let base = kmin & ~low
    var counts = [Int](repeating: 0, count: 2048)
    values.withUnsafeBufferPointer { v in
        counts.withUnsafeMutableBufferPointer { c in
            for x in v { c[Int((key(x) - base) >> shift) & 0x7FF] += 1 }
        }
    }
    // The bucket of each needed rank, and where each bucket starts in sorted order.
    var start = [Int](repeating: 0, count: 2049)
    for i in 0..<2048 { start[i + 1] = start[i] + counts[i] }
    var needed = Set<Int>()
    var bucketOf: [Int: Int] = [:]
    var b = 0
    for r in ranks {
        while start[b + 1] <= r { b += 1 }
        needed.insert(b)
        bucketOf[r] = b
    }
    // A crowded bucket is often an atom: every value in it the same (a budget held at its cap,
    // a shortfall of 0). Such a bucket needs no gathering: each of its ranks is that value.
    var atom = [Double?](repeating: nil, count: 2048)
    var gathered = needed.reduce(0) { $0 + counts[$1] }
    if gathered > n / 8 + 64 {
        var first = [Double?](repeating: nil, count: 2048), constant = [Bool](repeating: true, count: 2048)
        let crowded = needed.filter { counts[$0] > 64 }
        var isCrowded = [Bool](repeating: false, count: 2048)
        for bucket in crowded { isCrowded[bucket] = true }
        values.withUnsafeBufferPointer { v in
            for x in v {
                let b = Int((key(x) - base) >> shift) & 0x7FF
                guard isCrowded[b] else { continue }
                if let f = first[b] {
                    if f.bitPattern != x.bitPattern { constant[b] = false }
                } else {
                    first[b] = x
                }
            }
        }
        for bucket in crowded where constant[bucket] {
            atom[bucket] = first[bucket]
            gathered -= counts[bucket]
        }
        guard gathered <= n / 8 + 64 else { return false }
    }
    var slot = [Int](repeating: -1, count: 2048)
    var members: [[Double]] = []
    for bucket in needed.sorted() where atom[bucket] == nil {
        slot[bucket] = members.count
        members.append([])
        members[members.count - 1].reserveCapacity(counts[bucket])
    }
    if !members.isEmpty {
        values.withUnsafeBufferPointer { v in
            for x in v {
                let j = slot[Int((key(x) - base) >> shift) & 0x7FF]
                if j >= 0 { members[j].append(x) }
            }
        }
    }
    for j in members.indices { members[j].sort() }
    for r in ranks {
        let bucket = bucketOf[r]!
        values[r] = atom[bucket] ?? members[slot[bucket]][r - start[bucket]]
    }
    return true
}
