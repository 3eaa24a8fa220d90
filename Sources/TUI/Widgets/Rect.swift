/// A rectangle of cells, and the one way screens cut their area into parts.
public struct Rect: Equatable, Sendable {
    public var row: Int
    public var col: Int
    public var width: Int
    public var height: Int
    public init(row: Int, col: Int, width: Int, height: Int) {
        self.row = row; self.col = col; self.width = width; self.height = height
    }
    /// The first row below the rectangle.
    public var bottom: Int { row + height }
    /// The first column right of the rectangle.
    public var right: Int { col + width }

    /// The top `n` rows (fewer when there are not so many).
    public func top(_ n: Int) -> Rect { Rect(row: row, col: col, width: width, height: min(max(n, 0), height)) }

    /// What is left under the top `n` rows, but never fewer than `atLeast` rows.
    public func droppingTop(_ n: Int, atLeast: Int = 0) -> Rect {
        let n = max(n, 0)
        return Rect(row: row + n, col: col, width: width, height: max(height - n, atLeast))
    }

    /// The bottom `n` rows.
    public func bottom(_ n: Int) -> Rect {
        let n = min(max(n, 0), height)
        return Rect(row: row + height - n, col: col, width: width, height: n)
    }

    /// The rectangle without `n` cells on the left and the right.
    public func inset(_ n: Int) -> Rect { Rect(row: row, col: col + n, width: max(width - 2 * n, 0), height: height) }

    /// The left `width` columns and the rest, `gap` cells apart.
    public func splitColumns(left w: Int, gap: Int = 1) -> (Rect, Rect) {
        let lw = min(max(w, 0), width)
        return (Rect(row: row, col: col, width: lw, height: height),
                Rect(row: row, col: col + lw + gap, width: max(width - lw - gap, 0), height: height))
    }
}
