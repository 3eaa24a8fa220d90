import Foundation

/// Numbers as tables show them: whole numbers without a fraction, others to one decimal (42, 42.5).
public enum NumberText {
    public static func short(_ d: Double) -> String { d.rounded() == d ? String(Int(d)) : String(format: "%.1f", d) }
}
