/// Why a problem (in code or from a file) is not a valid instance of the model. Every case names
/// the offending item, relation, field or file.
public enum ProblemError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two items share an id.
    case duplicateID(String)
    /// A relation names an id that no item has.
    case unknownID(String, relation: Int)
    /// A relation joins two judgments or two theories (no block holds such a pair), or an item to itself.
    case unsupportedRelation(from: String, to: String, relation: Int)
    /// The same unordered pair appears in two relations.
    case repeatedRelation(from: String, to: String, relation: Int)
    /// A relation weight outside [-1, 1].
    case weightOutOfRange(from: String, to: String, weight: Double)
    /// A field holds NaN or ±∞ (`item` is the item id, or a block/field name).
    case nonFinite(item: String, field: String)
    /// `lower > upper` on an item.
    case invertedBounds(item: String, lower: Double, upper: Double)
    /// An initial value outside the item's own bounds `[lower, upper]` (it would be charged as
    /// revision cost from a value the item can never take).
    case initialOutOfBounds(item: String, initial: Double, lower: Double, upper: Double)
    /// An item of `group` whose id is empty (`index` is its position in the group, as in
    /// `judgments[3]`: there is no id to name it by).
    case emptyID(group: Group, index: Int)
    /// A negative confidence (anchoring weight).
    case negativeConfidence(item: String, value: Double)
    /// A negative parsimony cost.
    case negativeParsimony(item: String, value: Double)
    /// A parsimony cost on a judgment or theory.
    case parsimonyOutsidePrinciples(item: String)
    /// A block whose shape does not match the item counts.
    case blockShape(block: String, expected: (Int, Int), found: (Int, Int))
    /// A block entry outside [-1, 1] or not finite.
    case blockEntry(block: String, row: Int, column: Int, value: Double)
    /// `S` is not symmetric or has a non-zero diagonal.
    case principlePrincipleNotSymmetric(row: Int, column: Int)
    /// A negative or non-finite block weight.
    case invalidBlockWeight(name: String, value: Double)
    /// A per-item array (e.g. a warm start) of the wrong length.
    case lengthMismatch(field: String, expected: Int, found: Int)
    /// A solver option out of its range (`name` is the option, `value` what was given).
    case invalidOption(name: String, value: String)

    public static func == (a: ProblemError, b: ProblemError) -> Bool { a.description == b.description }

    public var description: String {
        switch self {
        case let .duplicateID(id): return "duplicate id '\(id)'"
        case let .unknownID(id, r): return "relation \(r): unknown id '\(id)'"
        case let .unsupportedRelation(f, t, r): return "relation \(r) ('\(f)' – '\(t)'): no block relates these items (judgment–judgment, theory–theory and self relations are not part of the model)"
        case let .repeatedRelation(f, t, r): return "relation \(r): the pair '\(f)' – '\(t)' appears more than once"
        case let .weightOutOfRange(f, t, w): return "relation '\(f)' – '\(t)': weight \(w) is outside [-1, 1]"
        case let .nonFinite(item, field): return "'\(item)': field '\(field)' is not a finite number"
        case let .invertedBounds(item, l, u): return "'\(item)': lower bound \(l) exceeds upper bound \(u)"
        case let .initialOutOfBounds(item, x0, l, u): return "'\(item)': initial \(x0) is outside its bounds [\(l), \(u)]"
        case let .emptyID(group, index): return "\(group.plural)[\(index)]: the id is empty (every item needs a non-empty id)"
        case let .negativeConfidence(item, v): return "'\(item)': confidence \(v) is negative"
        case let .negativeParsimony(item, v): return "'\(item)': parsimony \(v) is negative"
        case let .parsimonyOutsidePrinciples(item): return "'\(item)': only principles carry a parsimony cost"
        case let .blockShape(block, e, f): return "block \(block): shape \(f.0)×\(f.1) does not match the items (\(e.0)×\(e.1))"
        case let .blockEntry(block, r, c, v): return "block \(block): entry (\(r), \(c)) = \(v) is not a finite number in [-1, 1]"
        case let .principlePrincipleNotSymmetric(r, c): return "block principlePrinciple (S): entry (\(r), \(c)) breaks symmetry or the zero diagonal"
        case let .invalidBlockWeight(name, v): return "blockWeights.\(name): \(v) is not a finite non-negative number"
        case let .lengthMismatch(field, e, f): return "\(field): expected \(e) values, found \(f)"
        case let .invalidOption(name, value): return "option \(name): \(value) is out of range"
        }
    }
}
