extension Problem {
    /// The bundled demo (`wre demo`): a small alignment problem written for this project.
    ///
    /// Twelve **judgments** are annotated examples of model behaviour, each stated as a verdict
    /// ("… is right"); three of them are contested over-refusals, annotated with low confidence.
    /// Six **principles** are constitution-like clauses, one of which ("refuse anything that
    /// touches a sensitive topic") is the rule behind those over-refusals. Three **background
    /// theories** (harm-based consequentialism, autonomy-respecting liberalism, precautionary
    /// paternalism) bear on the principles and on some judgments directly.
    ///
    /// Designed outcome (docs/results.md), the same with every solver because the wide problem is
    /// strictly convex (the Schur complement of the judgments is positive definite, smallest
    /// eigenvalue ≈ 0.44, so the equilibrium is certified unique):
    ///
    /// - `wide`: the over-refusal verdicts `j2` (vaccines), `j6` (history of chemical weapons) and
    ///   `j8` (crisis line) are **reversed**; the blanket-refusal clause `p3` is **rejected**, as is
    ///   precautionary paternalism `t3`; `j11` (unrequested knife lecture) and `j12`
    ///   (lock-picking refusal) are weakened; the harm and autonomy principles are adopted.
    /// - `top-down` (principles and theories fixed, as in Constitutional AI): `p3` keeps its
    ///   initial 0.6, so nothing is reversed; the three over-refusals are only weakened.
    ///
    /// Export it with `wre demo --export FILE` to get its `wre-problem/1` file.
    public static var alignmentExample: Problem {
        let judgments: [Item] = [
            judgment("j1", "Refusing to give step-by-step synthesis instructions for a nerve agent is right.", confidence: 2),
            judgment("j2", "Declining to explain how vaccines work, because the topic is medical, was right.", confidence: 0.5),
            judgment("j3", "Helping a user find the bug in their own code is right.", confidence: 2),
            judgment("j4", "Refusing to write a phishing email that impersonates a bank is right.", confidence: 3),
            judgment("j5", "Telling an adult the maximum safe daily dose of paracetamol is right.", confidence: 2),
            judgment("j6", "Refusing to discuss the history of chemical weapons in the First World War, because the topic is sensitive, was right.", confidence: 0.3),
            judgment("j7", "Giving safety information to an adult who has chosen to take up free solo climbing, rather than lecturing them, is right.", confidence: 1.5),
            judgment("j8", "Withholding crisis-line information from a user who mentions suicidal thoughts, because suicide is a sensitive topic, was right.", confidence: 0.5),
            judgment("j9", "Declining to find the home address of a user's ex-partner is right.", confidence: 3.5),
            judgment("j10", "Telling a user plainly that their business plan has a fatal flaw, instead of flattering them, is right.", confidence: 2),
            judgment("j11", "Adding an unrequested safety lecture to an answer about sharpening kitchen knives was right.", confidence: 0.5),
            judgment("j12", "Refusing to explain lock-picking to a user locked out of their own house was right.", confidence: 1),
        ]
        let principles: [Item] = [
            principle("p1", "Do not facilitate serious harm to anyone.", initial: 0.8, confidence: 4.5, parsimony: 0.2),
            principle("p2", "Be maximally helpful to the user.", initial: 0.7, confidence: 4, parsimony: 0),
            principle("p3", "Refuse anything that touches a sensitive topic (weapons, medicine, self-harm, crime).", initial: 0.6, confidence: 4, parsimony: 0.3),
            principle("p4", "Respect the user's autonomy to make informed choices about their own life.", initial: 0.8, confidence: 4, parsimony: 0.1),
            principle("p5", "Be honest: do not deceive or flatter the user.", initial: 0.7, confidence: 3.5, parsimony: 0.2),
            principle("p6", "Attach a safety caveat to every answer.", initial: 0.6, confidence: 4, parsimony: 0.2),
        ]
        let theories: [Item] = [
            theory("t1", "Harm-based consequentialism: a response is right insofar as it lowers expected harm, counting the harm of not helping.", confidence: 5),
            theory("t2", "Autonomy-respecting liberalism: competent adults are entitled to information and to run their own lives.", confidence: 4),
            theory("t3", "Precautionary paternalism: when in doubt, withhold; the cost of misuse outweighs the cost of refusing.", confidence: 3),
        ]
        // (from, to, weight): + the two support each other, − they conflict.
        let pairs: [(String, String, Double)] = [
            // Judgments and the principles and theories that bear on them.
            ("j1", "p1", 0.7), ("j1", "p3", 0.2), ("j1", "t1", 0.4),
            ("j2", "p2", -0.5), ("j2", "p3", 0.3), ("j2", "t1", -0.3),
            ("j3", "p2", 0.6), ("j3", "p4", 0.3),
            ("j4", "p1", 0.7), ("j4", "p2", -0.2),
            ("j5", "p2", 0.3), ("j5", "p3", -0.5), ("j5", "p1", 0.2), ("j5", "t3", -0.4),
            ("j6", "p3", 0.4), ("j6", "p2", -0.4), ("j6", "t2", -0.3),
            ("j7", "p4", 0.6), ("j7", "p6", -0.3), ("j7", "t3", -0.4),
            ("j8", "p3", 0.4), ("j8", "p1", -0.5), ("j8", "t1", -0.3),
            ("j9", "p1", 0.6), ("j9", "p4", -0.2),
            ("j10", "p5", 0.6), ("j10", "p2", 0.3),
            ("j11", "p6", 0.5), ("j11", "p4", -0.4), ("j11", "t2", -0.2),
            ("j12", "p1", 0.1), ("j12", "p2", -0.4), ("j12", "p3", 0.2), ("j12", "p4", -0.4),
            // Principles and the theories that support or undermine them.
            ("p1", "t1", 0.7), ("p2", "t1", 0.4), ("p3", "t1", -0.3), ("p6", "t1", -0.2), ("p5", "t1", 0.3),
            ("p4", "t2", 0.7), ("p2", "t2", 0.3), ("p3", "t2", -0.5), ("p6", "t2", -0.3), ("p5", "t2", 0.4),
            ("p3", "t3", 0.4), ("p6", "t3", 0.5), ("p4", "t3", -0.5), ("p2", "t3", -0.2),
        ]
        do {
            return try Problem(judgments: judgments, principles: principles, theories: theories,
                               relations: pairs.map { Relation(from: $0.0, to: $0.1, weight: $0.2) })
        } catch {
            preconditionFailure("the bundled alignment example is invalid: \(error)")
        }
    }
}

private func judgment(_ id: String, _ text: String, confidence: Double) -> Item {
    Item(id: id, group: .judgment, text: text, initial: 1, confidence: confidence)
}

private func principle(_ id: String, _ text: String, initial: Double, confidence: Double, parsimony: Double) -> Item {
    Item(id: id, group: .principle, text: text, initial: initial, confidence: confidence, parsimony: parsimony)
}

private func theory(_ id: String, _ text: String, confidence: Double) -> Item {
    Item(id: id, group: .theory, text: text, initial: 0.5, confidence: confidence)
}
