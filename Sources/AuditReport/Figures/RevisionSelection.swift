import ReflectiveEquilibrium

/// Which revisions a figure shows when it cannot show them all: the largest, but at least a
/// few of every group that has revisions, so that the principles and theories of a large
/// problem are not crowded out by thousands of judgments. The selection keeps the input order
/// (largest move first).
enum RevisionSelection {
    /// The positions in `groups` (one per revision, largest first) of at most `count`
    /// revisions: for each group its largest `min(floor, its revisions)`, then the largest of
    /// the rest; in input order.
    static func largest(_ groups: [Group], count: Int, floor: Int) -> [Int] {
        guard groups.count > count else { return Array(groups.indices) }
        var chosen = Set<Int>()
        for group in Group.allCases {
            for i in groups.indices.filter({ groups[$0] == group }).prefix(min(floor, count)) where chosen.count < count { chosen.insert(i) }
        }
        for i in groups.indices where chosen.count < count { chosen.insert(i) }
        return groups.indices.filter(chosen.contains)
    }
}
