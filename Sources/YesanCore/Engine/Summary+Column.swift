/// `Summary` of one result column, equal field by field to `Summary(values)`, with a radix sort in
/// place of the comparison sort (about five times faster at 10⁵ values).
extension Summary {
    /// The summary of `values` (NaN: undefined): the same sums in the same order as
    /// `init(_:)`, and the same sorted sequence — the radix sort is stable and gives −0 and +0
    /// one key, as the standard library's stable sort treats them as equal.
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
        radixSort(&defined)
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

/// Sorts non-NaN doubles ascending, stably, by an LSD radix sort on 11-bit digits of an
/// order-preserving key (sign flipped for positives, all bits flipped for negatives; −0 takes
/// +0's key). Passes whose digit is the same for every value are skipped.
func radixSort(_ values: inout [Double]) {
    let n = values.count
    guard n > 1 else { return }
    if n < 256 {
        values.sort()
        return
    }
    @inline(__always) func key(_ x: Double) -> UInt64 {
        let bits = x == 0 ? 0 : x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
    var keys = values.map(key)
    var otherKeys = [UInt64](repeating: 0, count: n)
    var otherValues = [Double](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 2048)
    var shift: UInt64 = 0
    while shift < 64 {
        for i in 0..<2048 { counts[i] = 0 }
        for k in keys { counts[Int((k >> shift) & 0x7FF)] += 1 }
        if counts[Int((keys[0] >> shift) & 0x7FF)] == n {
            shift += 11
            continue
        }
        var total = 0
        for i in 0..<2048 {
            let c = counts[i]
            counts[i] = total
            total += c
        }
        keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                otherKeys.withUnsafeMutableBufferPointer { ok in
                    otherValues.withUnsafeMutableBufferPointer { ov in
                        counts.withUnsafeMutableBufferPointer { c in
                            for i in 0..<n {
                                let d = Int((k[i] >> shift) & 0x7FF)
                                let j = c[d]
                                c[d] = j + 1
                                ok[j] = k[i]
                                ov[j] = v[i]
                            }
                        }
                    }
                }
            }
        }
        swap(&keys, &otherKeys)
        swap(&values, &otherValues)
        shift += 11
    }
}
