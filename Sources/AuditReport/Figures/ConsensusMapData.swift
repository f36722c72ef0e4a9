/// The input of the consensus map (docs/stakeholders.md): for each principle (or theory), its consensus
/// score and class and the share of each group's stakeholders whose own equilibrium adopts it;
/// and the cost of consensus summed per group, when a joint solve was made.
///
/// A plain value, so that any stakeholder result can be mapped onto it; `validate()` checks it.
public struct ConsensusMapData: Sendable, Equatable {
    /// One principle or theory.
    public struct Row: Sendable, Equatable {
        public var id: String
        /// Its statement, if any.
        public var text: String?
        /// The consensus score `Π_g (a_g + 1) / (n_g + 2)`.
        public var score: Double
        /// `consensus`, `contested` or `divided` (docs/stakeholders.md).
        public var consensusClass: String
        /// The weighted share of each group's members who adopt it, in [0, 1], in `groups` order.
        public var adopted: [Double]

        public init(id: String, text: String? = nil, score: Double, consensusClass: String, adopted: [Double]) {
            self.id = id
            self.text = text
            self.score = score
            self.consensusClass = consensusClass
            self.adopted = adopted
        }
    }

    /// The group names, in column order.
    public var groups: [String]
    /// The rows, in any order (the map sorts them by score).
    public var rows: [Row]
    /// The cost of consensus `Σ_s Δ_s` per group (objective units), in `groups` order; empty
    /// without a joint solve.
    public var costOfConsensus: [Double]
    /// The quorum a group's adopted share must reach for `consensus`.
    public var quorum: Double
    /// How many stakeholders there are (for the subtitle).
    public var stakeholders: Int

    public init(groups: [String], rows: [Row], costOfConsensus: [Double] = [], quorum: Double = 0.5, stakeholders: Int) {
        self.groups = groups
        self.rows = rows
        self.costOfConsensus = costOfConsensus
        self.quorum = quorum
        self.stakeholders = stakeholders
    }

    /// The rows by score, highest first (ties in input order).
    public var ranked: [Row] {
        rows.indices.sorted { rows[$0].score != rows[$1].score ? rows[$0].score > rows[$1].score : $0 < $1 }.map { rows[$0] }
    }

    /// Checks shapes and values.
    /// - Throws: `AuditReportError` naming the row or group at fault.
    public func validate() throws {
        guard !groups.isEmpty else { throw AuditReportError.groups("no groups") }
        if let name = groups.first(where: { name in groups.filter { $0 == name }.count > 1 }) {
            throw AuditReportError.groups("two groups are named '\(name)'")
        }
        var ids = Set<String>()
        for row in rows {
            guard ids.insert(row.id).inserted else { throw AuditReportError.duplicateRow(row.id) }
            guard row.score.isFinite else { throw AuditReportError.scoreValue(row: row.id, value: row.score) }
            guard row.adopted.count == groups.count else {
                throw AuditReportError.shareCount(row: row.id, expected: groups.count, found: row.adopted.count)
            }
            for (share, group) in zip(row.adopted, groups) where !(share >= 0 && share <= 1) {
                throw AuditReportError.shareValue(row: row.id, group: group, value: share)
            }
        }
        guard costOfConsensus.isEmpty || costOfConsensus.count == groups.count else {
            throw AuditReportError.costCount(expected: groups.count, found: costOfConsensus.count)
        }
        for (cost, group) in zip(costOfConsensus, groups) where !(cost.isFinite && cost >= 0) {
            throw AuditReportError.costValue(group: group, value: cost)
        }
    }
}
