using System.Security.Cryptography;
using Learn.Core.Security;
using Microsoft.Extensions.Options;

namespace Learn.Core.Tests.Security;

public class PersonalDataProtectorTests
{
    private static PersonalDataProtector NewProtector(byte[]? key = null) =>
        new(Options.Create(new PersonalDataOptions { PersonalDataKey = Convert.ToBase64String(key ?? RandomNumberGenerator.GetBytes(32)) }));

    [Fact]
    public void Encrypted_mobile_round_trips_and_never_contains_the_number()
    {
        var protector = NewProtector();
        var cipher = protector.Encrypt("13812345678");
        cipher.ShouldNotContain("13812345678");
        protector.Encrypt("13812345678").ShouldNotBe(cipher, "a fresh nonce each time");
        protector.Decrypt(cipher).ShouldBe("13812345678");
    }

    [Fact]
    public void Ciphertext_from_another_key_is_rejected()
    {
        var cipher = NewProtector().Encrypt("13812345678");
        Should.Throw<CryptographicException>(() => NewProtector().Decrypt(cipher));
    }

    [Fact]
    public void Lookup_hash_is_stable_for_one_key_and_differs_across_keys()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        NewProtector(key).LookupHash("13812345678").ShouldBe(NewProtector(key).LookupHash("13812345678"));
        NewProtector().LookupHash("13812345678").ShouldNotBe(NewProtector(key).LookupHash("13812345678"));
    }

    [Theory]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("+86-138-1234-5678", "13812345678")]
    [InlineData("12345", null)]
    [InlineData("23812345678", null)]
    public void Mobile_numbers_are_normalised(string input, string? expected) =>
        Mobile.Normalize(input).ShouldBe(expected);

    [Fact]
    public void Masked_mobile_shows_only_prefix_and_last_four() =>
        Mobile.Mask("13812345678").ShouldBe("138****5678");
}
