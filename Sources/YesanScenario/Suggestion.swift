/// Did-you-mean suggestions for unknown keys, names and ids (SPEC 3: "unknown keys are errors,
/// with a did-you-mean suggestion").
///
/// Words are compared by their optimal-string-alignment distance (Levenshtein with adjacent
/// transpositions) over the Unicode scalars of their canonical decomposition (NFD), lower-cased:
/// a Hangul syllable counts as its two or three jamo, so `사비` is one edit from `시비` and `군비`
/// one edit from `국비`, while unrelated names stay far apart.
enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo: at most one
    /// edit per three characters of the longer word (at least one edit), or `word` is a prefix of
    /// the candidate (at least three characters). Ties go to the earlier candidate.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let w = scalars(word)
        guard !w.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let c = scalars(candidate)
            let d = distance(w, c)
            let limit = Swift.max(1, (Swift.max(w.count, c.count) + 2) / 3)
            let prefix = w.count >= 3 && c.starts(with: w)
            guard d <= limit || prefix else { continue }
            if let known = best, known.distance <= d { continue }
            best = (candidate, d)
        }
        return best?.candidate
    }

    /// A hint for an unknown `word`: "did you mean 'x'?", or the valid choices when none is close.
    /// - Parameters:
    ///   - word: what was written.
    ///   - candidates: every valid choice, in the order to list them.
    ///   - what: what the choices are, for the listing ("keys", "sources", …).
    static func hint(for word: String, in candidates: [String], what: String) -> String {
        if let close = closest(to: word, in: candidates) { return "did you mean '\(close)'?" }
        if candidates.isEmpty { return "there are no \(what)" }
        let shown = candidates.prefix(15).joined(separator: ", ")
        return "valid \(what): \(shown)\(candidates.count > 15 ? ", …" : "")"
    }

    private static func scalars(_ s: String) -> [Unicode.Scalar] {
        Array(s.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars)
    }

    /// Optimal string alignment distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = Swift.min(d, previous2[j - 2] + 1) }
                current[j] = d
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
