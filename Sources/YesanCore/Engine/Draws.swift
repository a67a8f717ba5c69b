internal import _YesanKernels
/// Step 1 of SPEC 4 for a block of trials: every uncertain quantity's values, from its own stream
/// (SPEC 5, `docs/randomness.md`), written to the block's input rows.
///
/// Each value is exactly what `Distribution.sample(using: RandomStream(key:trial:year:))` (or the
/// latent path of SPEC 3.2–3.3) gives for its trial: the block only changes how the words are
/// computed (many Philox blocks at a time, ahead of the samplers: `BatchDraws`), never which words
/// are used.

/// A trial's stream whose first `count` words were computed ahead (`BatchDraws.words`, one row
/// per draw index, `stride` apart); later draws are computed on the spot.
struct PrefetchedStream: RandomNumberGenerator {
    let words: UnsafePointer<UInt64>
    let stride: Int
    let count: Int
    let key: StreamKey
    let trial: UInt64
    let year: UInt32
    var draw = 0

    @inline(__always)
    init(words: UnsafePointer<UInt64>, stride: Int, count: Int, key: StreamKey, trial: UInt64, year: UInt32) {
        self.words = words
        self.stride = stride
        self.count = count
        self.key = key
        self.trial = trial
        self.year = year
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let d = draw
        draw += 1
        if d < count { return words[d * stride] }
        return key.word(trial: trial, year: year, draw: UInt32(truncatingIfNeeded: d))
    }
}

extension Model {
    /// Fills the inputs of lanes 0..<n with trials `first ..< first + n`.
    func draw(_ ws: Workspace, first: Int, lanes n: Int) {
        let trials = UInt64(first)..<UInt64(first + n)
        for task in plan.tasks {
            switch task.purpose {
            case .always: break
            case .participants: if !run.drawsParticipants { continue }
            case .placements: if !run.drawsPlacements { continue }
            case .never: continue
            }
            switch task.kind {
            case .direct(let key, let d, let perYear):
                for y in 0..<(perYear ? plan.years : 1) {
                    drawDirect(ws, key, d, year: y, trials: trials, into: ws.input(task.row + y))
                }
            case .latent(let key, let d, let rho):
                drawLatent(ws, key, d, rho: rho, trials: trials, row: task.row)
            case .copula(let copula, let keys, let distributions, let rows, let rhos, let perYear):
                drawCopula(ws, copula, keys, distributions, rows, rhos, perYear: perYear, trials: trials)
            }
        }
        drawEvents(ws, trials: trials)
    }

    /// `d.sample(using:)` on (key, trial, year) for every trial.
    @inline(__always)
    func drawDirect(_ ws: Workspace, _ key: StreamKey, _ d: Distribution, year: Int, trials: Range<UInt64>,
                    into out: UnsafeMutablePointer<Double>) {
        BatchDraws.sample(d, key, trials: trials, year: UInt32(year), scratch: ws.words, stride: ws.lanes, into: out)
    }

    /// A per-year quantity with rho > 0: innovations ε_t (ziggurat, year index t), the latent
    /// AR(1) z_0 = ε_0, z_t = ρ·z_{t−1} + √(1 − ρ²)·ε_t, and F⁻¹(Φ(z_t)).
    func drawLatent(_ ws: Workspace, _ key: StreamKey, _ d: Distribution, rho: Double, trials: Range<UInt64>, row: Int) {
        let n = trials.count
        for y in 0..<plan.years {
            BatchDraws.normals(key, trials: trials, year: UInt32(y), into: ws.input(row + y))
        }
        latentPaths(ws, d, rho: rho, row: row, n)
    }

    /// Runs the AR(1) over the innovations in rows `row ..< row + Y` and maps them to values.
    func latentPaths(_ ws: Workspace, _ d: Distribution, rho: Double, row: Int, _ n: Int) {
        if case .normal(let mean, let sd) = d.family {
            // `value(atLatentNormal:)` of a normal, clip(mean + sd · z), without its switch per value.
            let lo = d.clipLower, hi = d.clipUpper
            ar1(ws, rho: rho, row: row, n) { Swift.min(Swift.max(mean + sd * $0, lo), hi) }
        } else {
            ar1(ws, rho: rho, row: row, n) { d.value(atLatentNormal: $0) }
        }
    }

    /// z_0 = ε_0, z_t = ρ·z_{t−1} + √(1 − ρ²)·ε_t over rows `row ..< row + Y`, each replaced by
    /// `value(z_t)`.
    @inline(__always)
    func ar1(_ ws: Workspace, rho: Double, row: Int, _ n: Int, _ value: (Double) -> Double) {
        let s = (1 - rho * rho).squareRoot()
        let previous = ws.factor
        let first = ws.input(row)
        for b in 0..<n { previous[b] = first[b]; first[b] = value(first[b]) }
        guard plan.years > 1 else { return }
        for y in 1..<plan.years {
            let x = ws.input(row + y)
            for b in 0..<n {
                let z = rho * previous[b] + s * x[b]
                previous[b] = z
                x[b] = value(z)
            }
        }
    }

    /// Correlated drivers (SPEC 3.3): each year's (or the trial's) own normals e, then L·e, then
    /// each driver's AR(1) and marginal.
    func drawCopula(_ ws: Workspace, _ copula: GaussianCopula, _ keys: [StreamKey], _ distributions: [Distribution],
                    _ rows: [Int], _ rhos: [Double], perYear: Bool, trials: Range<UInt64>) {
        let n = trials.count, count = keys.count
        let years = perYear ? plan.years : 1
        for y in 0..<years {
            for i in 0..<count {
                BatchDraws.normals(keys[i], trials: trials, year: UInt32(y), into: ws.input(rows[i] + y))
            }
            let e = UnsafeMutableBufferPointer(start: ws.copula, count: count)
            for b in 0..<n {
                for i in 0..<count { e[i] = ws.input(rows[i] + y)[b] }
                copula.correlate(e)
                for i in 0..<count { ws.input(rows[i] + y)[b] = e[i] }
            }
        }
        for i in 0..<count {
            let d = distributions[i]
            if perYear {
                latentPaths(ws, d, rho: Swift.min(Swift.max(rhos[i], 0), 1 - 0x1p-53), row: rows[i], n)
            } else {
                let x = ws.input(rows[i])
                for b in 0..<n { x[b] = d.value(atLatentNormal: x[b]) }
            }
        }
    }

    /// Events (SPEC 3.5): the fire year of each event in each trial, −1 where it does not fire.
    /// (The lane loops select rather than branch, so that they vectorise.)
    func drawEvents(_ ws: Workspace, trials: Range<UInt64>) {
        let n = trials.count, B = ws.lanes, Y = plan.years
        let first = Double(plan.firstYear), last = Double(plan.firstYear + plan.years - 1)
        for e in plan.events {
            let fy = ws.fireYear + e.index * B
            switch e.year {
            case .fixed(let index):
                fy.update(repeating: Int32(index), count: n)
            case .drawn(let key, let d):
                let out = ws.factor
                drawDirect(ws, key, d, year: 0, trials: trials, into: out)
                yesan_event_years(fy, out, first, last, n)
            }
            if !(e.probability > 0) {
                fy.update(repeating: -1, count: n)
            } else if e.probability < 1 {
                let u = ws.groupDemand
                BatchDraws.uniforms(e.probabilityKey, trials: trials, year: 0, into: u)
                yesan_event_probability(fy, u, e.probability, n)
            }
            let fires = ws.firesIn + e.index * Y
            if Y < 63 {
                // Bit y + 1 for fire year y (bit 0 collects the lanes that do not fire).
                var seen: UInt64 = 0
                for b in 0..<n { seen |= 1 &<< UInt64(truncatingIfNeeded: fy[b] + 1) }
                for t in 0..<Y { fires[t] = seen & (1 &<< UInt64(t + 1)) != 0 ? 1 : 0 }
            } else {
                fires.update(repeating: 0, count: Y)
                for b in 0..<n where fy[b] >= 0 && Int(fy[b]) < Y { fires[Int(fy[b])] = 1 }
            }
        }
    }
}
