/// Terminal display width: Hangul, CJK and full-width forms take two columns, combining marks
/// none, ANSI escape sequences none; everything else one.
func displayWidth(_ s: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in s.unicodeScalars {
        let v = scalar.value
        if inEscape {
            if (0x40...0x7E).contains(v) && v != 0x5B { inEscape = false }
            continue
        }
        if v == 0x1B { inEscape = true; continue }
        switch v {
        case 0x0300...0x036F, 0x1160...0x11FF, 0x200B...0x200F, 0xFE00...0xFE0F:
            continue  // combining marks, Hangul medial/final jamo, zero-width characters
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
            width += 2
        default:
            width += v < 0x20 ? 0 : 1
        }
    }
    return width
}

/// `s` padded with spaces to `width` display columns, on the right (`left: true`) or the left.
func pad(_ s: String, to width: Int, left: Bool = true) -> String {
    let fill = String(repeating: " ", count: max(0, width - displayWidth(s)))
    return left ? s + fill : fill + s
}

/// A plain text table aligned by display width: the columns in `leftAligned` (by default the
/// first) to the left, the others to the right.
func renderTable(header: [String], rows: [[String]], leftAligned: Set<Int> = [0]) -> String {
    var widths = header.map(displayWidth)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in pad(c, to: widths[i], left: leftAligned.contains(i)) }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
}

/// A probability as a percent with one decimal, e.g. "83.4%".
func formatPercent(_ p: Double) -> String { formatNumber(p * 100, decimals: 1) + "%" }

/// A number with thousands separators and `decimals` digits after the point.
func formatNumber(_ x: Double, decimals: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "—" : (x > 0 ? "∞" : "-∞") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (abs(x) * scale).rounded()
    let integer = (rounded / scale).rounded(.down)
    var digits = String(Int(integer))
    var grouped = ""
    while digits.count > 3 {
        grouped = "," + String(digits.suffix(3)) + grouped
        digits = String(digits.dropLast(3))
    }
    grouped = digits + grouped
    if decimals > 0 {
        let fraction = Int(rounded - integer * scale)
        let f = String(fraction)
        grouped += "." + String(repeating: "0", count: decimals - f.count) + f
    }
    return (x < 0 && rounded > 0 ? "-" : "") + grouped
}
