/// The signs of a planted instance's blocks.
public enum PlantedSigns: String, Codable, Sendable, CaseIterable {
    /// `W_xy = s_x s_y |W_xy|` with the planted truth's signature s (true items +1, false −1,
    /// judgments their verdict): W = S|W|S, so bounds on |W| are tight.
    case planted
    /// Every entry's sign drawn independently (fair coin, from the seed): no structure the
    /// solvers or the certificate could lean on, like data from elsewhere. The regimes are then
    /// calibrated on the exact spectrum (a Gram sum over the rows while they are written).
    case random

    /// The independent sign of entry `(row, column)` of block A (`theories == false`) or C:
    /// a hash of the seed and the position, so replaying a row gives the same signs.
    static func sign(seed: UInt64, row: Int, column: Int, theories: Bool) -> Double {
        var z = seed &+ UInt64(truncatingIfNeeded: row) &* 0x9E37_79B9_7F4A_7C15
            &+ UInt64(truncatingIfNeeded: column) &* 0xC2B2_AE3D_27D4_EB4F &+ (theories ? 0x1656_67B1_9E37_79F9 : 0)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return z >> 63 == 0 ? 1 : -1
    }
}
