using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commitments.Api.Http;

/// <summary>
/// Enums as their snake_case codes (<see cref="Codes"/>), read exactly: "Limited", "LIMITED" or "limited " is refused, listing
/// the codes, as a validating client would refuse it (the framework's converter reads any case and trims).
/// </summary>
public sealed class ExactCodeConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Of<>).MakeGenericType(typeToConvert))!;

    private sealed class Of<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Unknown(null);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Codes.Of(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(Codes.Of(value));

        private static T Parse(string? code) => Codes.TryParse<T>(code, out var value) ? value : throw Unknown(code);

        private static UnknownCodeException Unknown(string? code) => new(
            (code is null ? "The value must be a string, one of: " : $"'{(code.Length <= 60 ? code : code[..60] + "…")}' is not one of: ")
            + string.Join(", ", Codes.All<T>()) + " (exactly, in lower case).");
    }
}

/// <summary>A code that is not one of its vocabulary's; the message lists the codes, and the problem names the field.</summary>
public sealed class UnknownCodeException(string message) : JsonException(message);
