using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Learn.Core.Data;

/// <summary>Stores and reads every <see cref="DateTime"/> as UTC, on both providers.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
