/// `--metric` patterns (SPEC 6): `NAME`, `NAME@YEAR`, `NAME@total`, `*` matching any text.
///
/// Matching works on `Character`s, whose equality is canonical equivalence, so a pattern typed in
/// NFD (as some terminals do) matches the NFC names of the scenario.
struct MetricPattern {
    let text: String
    /// The name part, before `@`.
    let name: String
    /// The whole-key glob: name part, `@`, year part (`*` when the pattern has no `@`).
    private let glob: [Character]

    init(_ text: String) {
        self.text = text
        if let at = text.firstIndex(of: "@") {
            name = String(text[..<at])
            glob = Array(text)
        } else {
            name = text
            glob = Array(text + "@*")
        }
    }

    /// Whether the pattern reaches the per-program breakdowns (it names `.program.`).
    var namesPrograms: Bool { name.contains(".program.") }

    /// Whether `key` (`name@year`) matches the whole pattern.
    func matches(_ key: String) -> Bool {
        globMatch(glob, Array(key))
    }
}

/// Whether `text` matches `pattern` in full, `*` matching any run of characters (iterative, with
/// one backtrack point: linear in practice, never exponential).
func globMatch(_ pattern: [Character], _ text: [Character]) -> Bool {
    var p = 0, t = 0
    var star = -1, resume = 0
    while t < text.count {
        if p < pattern.count && pattern[p] == "*" {
            star = p
            resume = t
            p += 1
        } else if p < pattern.count && pattern[p] == text[t] {
            p += 1
            t += 1
        } else if star >= 0 {
            p = star + 1
            resume += 1
            t = resume
        } else {
            return false
        }
    }
    while p < pattern.count && pattern[p] == "*" { p += 1 }
    return p == pattern.count
}

/// The candidate closest to `word` by edit distance over characters, if its similarity
/// 1 − distance / max(length) is at least 0.6 (difflib's default cutoff); ties go to the first.
func closestMatch(_ word: String, among candidates: [String]) -> String? {
    let w = Array(word)
    var best: (String, Double)?
    for candidate in candidates {
        let c = Array(candidate)
        let longest = max(w.count, c.count)
        guard longest > 0 else { continue }
        let similarity = 1 - Double(editDistance(w, c)) / Double(longest)
        if similarity >= 0.6 && similarity > (best?.1 ?? -1) { best = (candidate, similarity) }
    }
    return best?.0
}

/// Levenshtein distance (insertions, deletions, substitutions).
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
