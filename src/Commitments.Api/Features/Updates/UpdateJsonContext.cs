using System.Text.Json;
using System.Text.Json.Serialization;
using Commitments.Api.Http;

namespace Commitments.Api.Features.Updates;

/// <summary>
/// Serialisation code generated at build time for the hottest responses (one update, a page of them), first in the app's
/// resolver chain; it honours the app's options (its converters are consulted first), so the JSON is the same as before.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UpdateDto))]
[JsonSerializable(typeof(Page<UpdateDto>))]
internal sealed partial class UpdateJsonContext : JsonSerializerContext;
