import Foundation
import Testing
import PropertyBased
@testable import Model

/// The journal's before and after of an indicator's answer and document are built directly (`Answer.json`,
/// `Evidence.json`) instead of through JSONEncoder and JSONDecoder; they must be the very values the general way
/// gives, or the journal of a save would read differently from the card (`audit verify` compares the two).
@Suite(.shrinking(false)) struct JSONValueTests {
    /// Any answer — every shape, every kind of percent `Double.description` has — and any document.
    @Test func answersAndDocumentsAreTheValuesTheGeneralWayGives() async {
        await propertyCheck(count: CardEncodingTests.count, input: CardEncodingTests.choices) { choices in
            var b = CardEncodingTests.Builder(choices: choices)
            for _ in 0..<8 {
                let answer = b.answer()
                #expect(JSONValue.from(answer) == JSONValue.decoded(answer), "\(answer)")
                #expect(JSONValue.from(answer).compact == JSONValue.decoded(answer).compact, "\(answer)")
            }
            let doc = Evidence(document: b.text(), number: b.text(), date: b.text())
            #expect(JSONValue.from(doc) == JSONValue.decoded(doc), "\(doc)")
        }
    }

    /// Every percent of the list (integral ones read back as Int, exponents, negative zero, the extremes) and a
    /// percent that has no JSON at all, as before: null.
    @Test func everyPercentShapeIsTheSame() {
        for v in CardEncodingTests.percents + [Double.nan, .infinity, -.infinity] {
            #expect(JSONValue.from(Answer.percent(v)) == JSONValue.decoded(Answer.percent(v)), "\(v)")
        }
        #expect(JSONValue.from(Answer.percent(50)) == .object(["percent": .int(50)]))
        #expect(JSONValue.from(Answer.percent(.nan)) == .null)
    }
}
