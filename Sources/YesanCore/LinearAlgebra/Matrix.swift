/// A dense matrix of `Double`s, stored column by column (column-major, as LAPACK expects).
///
/// Element (i, j) — zero-based row `i`, column `j` — lives at `storage[i + j * rows]`.
/// Value semantics: copies are cheap until mutated (copy-on-write of the backing array).
public struct Matrix: Sendable, Equatable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The elements in column-major order; `storage.count == rows * columns`.
    package var storage: [Double]

    /// Creates a `rows × columns` matrix with every element equal to `repeating`.
    ///
    /// - Parameters:
    ///   - rows: The number of rows (≥ 0).
    ///   - columns: The number of columns (≥ 0).
    ///   - repeating: The value of every element (default 0).
    /// - Complexity: O(rows · columns).
    public init(rows: Int, columns: Int, repeating: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: repeating, count: rows * columns)
    }

    /// Creates a matrix from a list of rows, e.g. `Matrix([[1, 2], [3, 4]])`.
    ///
    /// - Parameter rows: The rows, all of the same length (precondition). An empty list
    ///   gives a 0 × 0 matrix.
    /// - Complexity: O(rows · columns).
    public init(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(
            rows.allSatisfy { $0.count == columns },
            "Matrix: rows of unequal length (ragged row list)"
        )
        self.init(rows: rows.count, columns: columns)
        for (i, row) in rows.enumerated() {
            for (j, value) in row.enumerated() {
                storage[i + j * self.rows] = value
            }
        }
    }

    /// Creates a matrix that adopts a column-major element array.
    ///
    /// - Parameters:
    ///   - rows: The number of rows.
    ///   - columns: The number of columns.
    ///   - storage: `rows * columns` elements, column by column (precondition).
    /// - Complexity: O(1).
    package init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0 && storage.count == rows * columns,
                     "Matrix: storage of \(storage.count) elements for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Reads or writes the element in row `row` and column `column` (both zero-based).
    ///
    /// - Parameters:
    ///   - row: The zero-based row index, `0 ..< rows` (precondition).
    ///   - column: The zero-based column index, `0 ..< columns` (precondition).
    /// - Complexity: O(1).
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix: index (\(row), \(column)) out of range for \(rows) × \(columns)")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix: index (\(row), \(column)) out of range for \(rows) × \(columns)")
            storage[row + column * rows] = newValue
        }
    }

    /// The `n × n` identity matrix.
    ///
    /// - Parameter n: The order (≥ 0).
    /// - Returns: The matrix with ones on the diagonal and zeros elsewhere.
    /// - Complexity: O(n²).
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0 ..< n { m.storage[i + i * n] = 1 }
        return m
    }

    /// The transpose: a `columns × rows` matrix whose element (j, i) is this matrix's (i, j).
    ///
    /// - Complexity: O(rows · columns).
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0 ..< columns {
            for i in 0 ..< rows {
                t.storage[j + i * columns] = storage[i + j * rows]
            }
        }
        return t
    }

    /// The elements of row `i` (zero-based), left to right.
    ///
    /// - Complexity: O(columns).
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix: row \(i) out of range for \(rows) rows")
        return (0 ..< columns).map { storage[i + $0 * rows] }
    }

    /// The elements of column `j` (zero-based), top to bottom.
    ///
    /// - Complexity: O(rows).
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix: column \(j) out of range for \(columns) columns")
        return Array(storage[(j * rows) ..< ((j + 1) * rows)])
    }

    /// The matrix as a list of rows (the inverse of `init(_:)`).
    ///
    /// - Complexity: O(rows · columns).
    public var rowArrays: [[Double]] {
        (0 ..< rows).map(row)
    }

    /// The matrix product `lhs · rhs`.
    ///
    /// - Parameters:
    ///   - lhs: An `m × k` matrix.
    ///   - rhs: A `k × n` matrix (`lhs.columns == rhs.rows`, precondition).
    /// - Returns: The `m × n` product.
    /// - Complexity: O(m · k · n).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.columns == rhs.rows,
                     "Matrix: cannot multiply \(lhs.rows) × \(lhs.columns) by \(rhs.rows) × \(rhs.columns)")
        let m = lhs.rows, k = lhs.columns, n = rhs.columns
        var product = Matrix(rows: m, columns: n)
        for j in 0 ..< n {
            for l in 0 ..< k {
                let b = rhs.storage[l + j * k]
                for i in 0 ..< m {
                    product.storage[i + j * m] += lhs.storage[i + l * m] * b
                }
            }
        }
        return product
    }

    /// The matrix–vector product `lhs · rhs`.
    ///
    /// - Parameters:
    ///   - lhs: An `m × k` matrix.
    ///   - rhs: A vector of `k` elements (`rhs.count == lhs.columns`, precondition).
    /// - Returns: The `m` elements of the product.
    /// - Complexity: O(m · k).
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(lhs.columns == rhs.count,
                     "Matrix: cannot multiply \(lhs.rows) × \(lhs.columns) by a vector of \(rhs.count)")
        let m = lhs.rows
        var product = [Double](repeating: 0, count: m)
        for (l, b) in rhs.enumerated() {
            for i in 0 ..< m {
                product[i] += lhs.storage[i + l * m] * b
            }
        }
        return product
    }

    /// Whether every element is finite (no NaN or ±∞).
    ///
    /// - Complexity: O(rows · columns).
    public var isFinite: Bool {
        storage.allSatisfy(\.isFinite)
    }

    /// Whether the matrix is square and |a_ij − a_ji| ≤ `tolerance` · max|a| for all i, j.
    ///
    /// - Parameter tolerance: The allowed asymmetry relative to the largest |element|
    ///   (default 1e-12; 0 demands exact symmetry).
    /// - Complexity: O(n²).
    public func isSymmetric(tolerance: Double = 1e-12) -> Bool {
        guard rows == columns else { return false }
        let bound = tolerance * (storage.lazy.map(abs).max() ?? 0)
        for j in 0 ..< columns {
            for i in (j + 1) ..< rows where abs(storage[i + j * rows] - storage[j + i * rows]) > bound {
                return false
            }
        }
        return true
    }
}
