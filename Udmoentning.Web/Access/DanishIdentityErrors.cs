using Microsoft.AspNetCore.Identity;

namespace Udmoentning.Web.Access;

/// <summary>Every error Identity can report, in Danish: these are the texts users and administrators see next to a form.</summary>
public sealed class DanishIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Der skete en ukendt fejl.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Brugeren er ændret af en anden i mellemtiden. Prøv igen.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Adgangskoden er forkert.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Linket er udløbet eller allerede brugt. Bed en administrator om et nyt.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "Gendannelseskoden kunne ikke bruges.");

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "Der findes allerede en bruger med dette login.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "Brugernavnet må kun indeholde bogstaver, tal og - . _ @ +.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"E-mailadressen \"{email}\" er ugyldig.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Brugernavnet er allerede i brug.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"E-mailadressen \"{email}\" er allerede i brug.");

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), $"Rollenavnet \"{role}\" er ugyldigt.");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), $"Rollen \"{role}\" findes allerede.");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Brugeren har allerede en adgangskode.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Brugeren kan ikke spærres.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Brugeren har allerede rollen {role}.");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"Brugeren har ikke rollen {role}.");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Adgangskoden skal være mindst {length} tegn.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"Adgangskoden skal have mindst {uniqueChars} forskellige tegn.");

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "Adgangskoden skal have mindst ét tegn, der ikke er et bogstav eller et tal.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Adgangskoden skal have mindst ét tal.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Adgangskoden skal have mindst ét lille bogstav.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Adgangskoden skal have mindst ét stort bogstav.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
