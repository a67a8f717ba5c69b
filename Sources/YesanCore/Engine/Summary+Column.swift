/// `Summary` of one result column, equal field by field to `Summary(values)`, with a radix sort
/// in place of the comparison sort where that gives the same bits.
extension Summary {
    /// The summary of `values` (NaN: undefined): the same sums in the same order as
    /// `init(_:)`, and the same sorted values (`orderStatistics`).
    init(column values: UnsafeBufferPointer<Double>) {
        var defined = [Double]()
        defined.reserveCapacity(values.count)
        for x in values where !x.isNaN { defined.append(x) }
        let n = defined.count
        let mean = Summary.mean(defined)
        var sd: Double?, se: Double?
        if n >= 2 {
            var sum = 0.0, compensation = 0.0
            for x in defined {
                let d = x - mean
                (sum, compensation) = neumaierAdd(sum, compensation, d * d)
            }
            let s = ((sum + compensation) / Double(n - 1)).squareRoot()
            sd = s
            se = s / Double(n).squareRoot()
        }
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

/// Sorts `values` (non-NaN) ascending for the quantiles, min and max. A column without −0 has no
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
