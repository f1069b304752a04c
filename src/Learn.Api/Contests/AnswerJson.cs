using System.Text.Json;
using System.Text.Json.Serialization;

namespace Learn.Api.Contests;

/// <summary>
/// Source-generated (de)serialisers for the answer request and reply, the hottest JSON in the API:
/// no reflection and no first-use warm-up per type. Same web defaults (camelCase, case-insensitive
/// reading) as the rest of the API, so the wire format is unchanged; other types fall through to
/// the reflection resolver behind it in the chain (see <see cref="ContestsApiRegistration"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AnswerRequest))]
[JsonSerializable(typeof(AnswerResultPayload))]
internal sealed partial class AnswerJson : JsonSerializerContext;
