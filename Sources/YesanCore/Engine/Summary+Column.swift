/// `Summary` of one result column, equal field by field to `Summary(values)`, with a selection of
/// the few order statistics it reports in place of a full sort.
extension Summary {
    /// The summary of `values` (NaN: undefined): the same sums in the same order as
    /// `init(_:)`, and the same order statistics at every position the quantiles, min and max
    /// read (`orderStatistics`).
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

/// Puts into `values` (non-NaN) the element of the ascending stable sort at every position that
/// `quantileOfSorted` reads for `levels` (⌊(n − 1)q⌋ and the next), and at the first and last
/// position: a multiple quickselect (median-of-three pivots, three-way partitions, falling back to
/// a full sort of a range that partitions badly). Where every value is distinct as bits except for
/// equal values, any such arrangement gives the same bits as a full sort; a column holding −0
/// (equal to +0 but not the same bits) is sorted in full with the standard library's stable sort.
func orderStatistics(_ values: inout [Double], for levels: [Double]) {
    let n = values.count
    guard n > 1 else { return }
    if values.contains(where: { $0 == 0 && $0.sign == .minus }) || n < 512 {
        values.sort()
        return
    }
    var targets = Set([0, n - 1])
    for q in levels {
        let h = Double(n - 1) * q
        guard h < Double(n - 1), h >= 0 else { continue }
        let lower = Int(h.rounded(.down))
        targets.insert(lower)
        targets.insert(Swift.min(lower + 1, n - 1))
    }
    let wanted = targets.sorted()
    values.withUnsafeMutableBufferPointer { v in
        select(v, 0, n, wanted[...], depth: 2 * (Int.bitWidth - n.leadingZeroBitCount))
    }
}

/// Places the order statistics `wanted` (ascending, all in lo..<hi) of v[lo..<hi].
private func select(_ v: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, _ wanted: ArraySlice<Int>, depth: Int) {
    guard !wanted.isEmpty else { return }
    if hi - lo <= 32 || depth == 0 {
        var range = UnsafeMutableBufferPointer(rebasing: v[lo..<hi])
        range.sort()
        return
    }
    // Median of three as the pivot.
    let a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1]
    let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
    // Three-way partition: [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot.
    var lt = lo, i = lo, gt = hi
    while i < gt {
        let x = v[i]
        if x < pivot {
            v.swapAt(lt, i)
            lt += 1
            i += 1
        } else if x > pivot {
            gt -= 1
            v.swapAt(i, gt)
        } else {
            i += 1
        }
    }
    let left = wanted.prefix { $0 < lt }
    let right = wanted.drop { $0 < gt }
    if !left.isEmpty { select(v, lo, lt, left, depth: depth - 1) }
    if !right.isEmpty { select(v, gt, hi, right, depth: depth - 1) }
}
