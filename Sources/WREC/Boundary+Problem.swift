import CWRE
import Foundation
import ReflectiveEquilibrium

extension Boundary {
    /// The most items a group may have: the physical memory over the ~100 bytes an item takes
    /// (its values, id and text).
    static var maximumItems: Int { Int(min(ProcessInfo.processInfo.physicalMemory / 100, UInt64(Int.max))) }

    /// The items of `group` from `spec`: `count` items, each float64 array of `count` values or
    /// absent (the group's defaults, docs/formats.md), the ids (default `j0…`) and texts. Copied:
    /// the per-item arrays are small beside the blocks.
    static func items(_ spec: wre_items, _ group: Group) throws -> ItemGroup {
        let field = group.plural
        let count = try self.count(spec.count, "\(field).count")
        // The items are allocated here (no caller memory backs a count): a count the machine
        // cannot hold is an error, not a failed allocation (which would trap).
        guard count <= maximumItems else {
            throw ABIFailure.input("\(field).count: \(count) items need more memory than this machine has (at most \(maximumItems))")
        }
        var items = ItemGroup(group, count: count)
        func column(_ array: wre_array, _ name: String) throws -> [Double]? {
            try elements(array, "\(field).\(name)", as: Double.self, length: count).map(Array.init)
        }
        if let v = try column(spec.initial, "initial") { items.initial = v }
        if let v = try column(spec.confidence, "confidence") { items.confidence = v }
        if let v = try column(spec.lower, "lower") { items.lower = v }
        if let v = try column(spec.upper, "upper") { items.upper = v }
        if let v = try column(spec.parsimony, "parsimony") { items.parsimony = v }
        if let ids = try strings(spec.ids, "\(field).ids", length: count) { items.ids = ids.map { $0! } }
        if let texts = try strings(spec.texts, "\(field).texts", length: count, allowNull: true) { items.texts = texts }
        return items
    }

    /// The problem `spec` describes, over the caller's blocks (`BorrowToken` holds the borrow),
    /// validated (every rule of docs/formats.md; a bad block entry names its two items).
    static func problem(_ spec: wre_problem_spec) throws -> Problem {
        let owner = BorrowToken()
        let judgments = try items(spec.judgments, .judgment)
        let principles = try items(spec.principles, .principle)
        let theories = try items(spec.theories, .theory)
        guard let a = try block(spec.judgment_principle, .judgmentPrinciple, owner: owner) else {
            throw ABIFailure.input("\(blockField(.judgmentPrinciple)): missing (the judgment–principle block is required)")
        }
        let compatibility = Compatibility(
            judgmentPrinciple: a,
            principleTheory: try block(spec.principle_theory, .principleTheory, owner: owner),
            judgmentTheory: try block(spec.judgment_theory, .judgmentTheory, owner: owner),
            principlePrinciple: try block(spec.principle_principle, .principlePrinciple, owner: owner))
        var weights = BlockWeights()
        if let w = try elements(spec.block_weights, "blockWeights", as: Double.self, length: 4) {
            weights = BlockWeights(judgmentPrinciple: w[0], principleTheory: w[1], judgmentTheory: w[2], principlePrinciple: w[3])
        }
        let mode = try named(spec.mode, "mode", as: Mode.self) ?? .wide
        let problem = Problem(judgments: judgments, principles: principles, theories: theories, compatibility: compatibility,
                              blockWeights: weights, mode: mode)
        do { try problem.validate() } catch let error as ProblemError {
            if let (row, column) = problem.entryIDs(of: error) {
                throw ABIFailure.input("\(error) (the entry of '\(row)' and '\(column)')")
            }
            throw ABIFailure(error)
        }
        return problem
    }
}
