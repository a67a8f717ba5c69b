import Testing
@testable import YesanCore

/// The engine's gamma, beta and PERT sampler for a run of trials (`BatchDraws.sample`, whose
/// usual path and scalar fallback are C: `yesan_beta_sample`, `yesan_gamma_sample` in beta.c)
/// against the sequential samplers of `Distribution+Sampling.swift`, bit for bit, on every vector
/// path the CPU has (AVX-512, AVX2, none), with shapes, clips and trials chosen so that every
/// branch of the fallback runs: ziggurat wedges and tails in either gamma, gamma rejections, the
/// log test, the boost of a shape below 1, beta's retry when r rounds to 0 or 1, and words
/// beyond those fetched ahead.
@Suite("Engine: batch gamma, beta and PERT equal the sequential samplers")
struct BatchGammaBetaTests {
    /// The vector paths: 3 AVX-512F+DQ, 2 AVX2, 0 none (those the CPU lacks fall back to the next).
    static let levels: [Int32] = [3, 2, 0]

    static let cases: [(String, Distribution)] = [
        ("beta large shapes", try! .beta(mean: 0.92, sd: 0.03)),
        ("beta (2, 3)", try! .beta(alpha: 2, beta: 3)),
        ("beta first shape exactly 1", try! .beta(alpha: 1, beta: 5)),
        ("beta shapes just above 1", try! .beta(alpha: 1.0001, beta: 1.2)),
        ("beta first shape below 1", try! .beta(alpha: 0.5, beta: 3)),
        ("beta second shape below 1", try! .beta(alpha: 40, beta: 0.2)),
        ("beta r rounds to 1", try! .beta(alpha: 1e15, beta: 1)),
        ("beta r rounds to 0", try! .beta(alpha: 0.001, beta: 1e17)),
        ("beta clipped", try! Distribution.beta(alpha: 9, beta: 2).clipped(lower: 0.7, upper: 0.9)),
        ("beta clipped to a point", try! Distribution.beta(alpha: 3, beta: 3).clipped(lower: 0.5, upper: 0.5)),
        ("pert", try! .pert(min: 8, mode: 9.6, max: 12)),
        ("pert mode at min", try! .pert(min: 0, mode: 0, max: 1)),
        ("pert large lambda", try! .pert(min: -3, mode: 1, max: 2, lambda: 400)),
        ("pert clipped", try! Distribution.pert(min: 8, mode: 9.6, max: 12).clipped(lower: 9, upper: 11)),
        ("pert clipped at signed zeros", try! Distribution.pert(min: -1, mode: 0, max: 1).clipped(lower: -0.0, upper: 0.0)),
        ("gamma", try! .gamma(mean: 585, sd: 58.5)),
        ("gamma shape 1", try! .gamma(shape: 1, scale: 2)),
        ("gamma shape 1.5 clipped", try! Distribution.gamma(shape: 1.5, scale: 2).clipped(lower: 1, upper: 4)),
        ("gamma shape below 1", try! .gamma(shape: 0.3, scale: 2)),
        ("gamma tiny shape", try! .gamma(shape: 0.01, scale: 1)),
    ]

    /// Runs of trials: an odd start and a length that is no multiple of 8, one whole block, a
    /// single trial, none, and trial numbers above 2³² (the counter's high word).
    static let runs: [Range<UInt64>] = [5..<1006, 0..<128, 77..<78, 9..<9, 0x1_0000_0003..<0x1_0000_0003 + 333]

    /// The sequential values and, per trial, how many words the sampler used.
    static func sequential(_ d: Distribution, _ key: StreamKey, _ trials: Range<UInt64>, year: UInt32) -> ([Double], [Int]) {
        var values: [Double] = [], used: [Int] = []
        for trial in trials {
            var s = CountingStream(base: RandomStream(key: key, trial: trial, year: year))
            values.append(d.sample(using: &s))
            used.append(s.count)
        }
        return (values, used)
    }

    /// `BatchDraws.sample` with its vector path capped at `level`.
    static func batch(_ d: Distribution, _ key: StreamKey, _ trials: Range<UInt64>, year: UInt32, level: Int32) -> [Double] {
        let stride = Swift.max(trials.count, 1)
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: 8 * stride)
        defer { scratch.deallocate() }
        var out = [Double](repeating: .nan, count: trials.count)
        out.withUnsafeMutableBufferPointer {
            BatchDraws.sample(d, key, trials: trials, year: year, scratch: scratch, stride: stride, into: $0.baseAddress!,
                              level: level)
        }
        return out
    }

    /// Values that differ in any bit (−0 and +0 differ; NaNs with the same bits do not).
    static func mismatches(_ a: [Double], _ b: [Double]) -> Int {
        zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
    }

    @Test("every case, run, key and vector path equals the sequential sampler", arguments: BatchGammaBetaTests.cases.indices)
    func batchEqualsSequential(index: Int) {
        let (name, d) = Self.cases[index]
        let k = prefetchCount(d)
        var beyond = 0
        for seed: UInt64 in [1, 20_251_123, 0xDEAD_BEEF] {
            let key = StreamKey(seed: seed, identity: "test:batch-gamma-beta:\(name)")
            for trials in Self.runs {
                let (expected, used) = Self.sequential(d, key, trials, year: 2)
                beyond += used.filter { $0 > k }.count
                for level in Self.levels {
                    let got = Self.batch(d, key, trials, year: 2, level: level)
                    #expect(Self.mismatches(got, expected) == 0, "\(name): level \(level), trials \(trials), seed \(seed)")
                }
            }
        }
        // Not vacuous: some trials needed words beyond those fetched ahead (a wedge, tail or
        // rejection computed on the spot), except for shapes whose usual path never fails.
        #expect(beyond > 0, "\(name): no trial left the usual path")
    }

    /// Trials whose first attempt meets the ziggurat's tail or a wedge in the first gamma's
    /// normal (word 0) or the second's (word 2), found by reading the words, then sampled in
    /// runs that start a few trials before each.
    @Test("trials whose normals fall in the ziggurat's tail or wedges, in either gamma")
    func tailsAndWedges() {
        let xs = ZigguratNormal.shared.x
        let cases: [(String, Distribution)] = [("beta", try! .beta(mean: 0.92, sd: 0.03)),
                                               ("pert", try! .pert(min: 8, mode: 9.6, max: 12)),
                                               ("beta (1.5, 2)", try! .beta(alpha: 1.5, beta: 2)),
                                               ("gamma", try! .gamma(shape: 3, scale: 1))]
        for (name, d) in cases {
            let key = StreamKey(seed: 5, identity: "test:tails:\(name)")
            var tails: [Int: [UInt64]] = [0: [], 2: []], wedges: [Int: [UInt64]] = [0: [], 2: []]
            var trial: UInt64 = 0
            while trial < 400_000 && (tails[0]!.count < 3 || tails[2]!.count < 3) {
                for draw in [0, 2] {
                    let w = key.word(trial: trial, year: 1, draw: UInt32(draw))
                    let i = Int(w & 0xFF)
                    guard uniformHalfOpen(w) * xs[i] >= xs[i + 1] else { continue }
                    if i == 0 {
                        tails[draw]!.append(trial)
                    } else if wedges[draw]!.count < 3 {
                        wedges[draw]!.append(trial)
                    }
                }
                trial += 1
            }
            var targets = Array(tails[0]!.prefix(3))
            targets += tails[2]!.prefix(3)
            targets += wedges[0]! + wedges[2]!
            #expect(targets.count == 12, "\(name): found \(targets.count) targets")
            for target in targets {
                let trials = (target >= 3 ? target - 3 : 0)..<target + 13
                let (expected, _) = Self.sequential(d, key, trials, year: 1)
                for level in Self.levels {
                    let got = Self.batch(d, key, trials, year: 1, level: level)
                    #expect(Self.mismatches(got, expected) == 0, "\(name): level \(level), trial \(target)")
                }
            }
        }
    }
}

/// A stream that counts the words it hands out.
struct CountingStream: RandomNumberGenerator {
    var base: RandomStream
    var count = 0

    mutating func next() -> UInt64 {
        count += 1
        return base.next()
    }
}
