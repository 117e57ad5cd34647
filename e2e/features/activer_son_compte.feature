# language: fr
Fonctionnalité: Activer son compte CPF
  La fiche « Comment activer son compte personnel de formation (CPF) ? » en scénarios.
  Après avoir activé son compte, on se connecte à tout moment avec son mot de passe,
  pour connaître les droits acquis pour se former et bénéficier des services proposés.

  @journey @smoke
  Scénario: S'inscrire sur moncompteformation, puis se connecter avec son mot de passe
    Soit je me munis de mon numéro de Sécurité sociale et d'une adresse électronique valide
    Quand je me rends sur moncompteformation
    Et je clique sur « Connexion »
    Et je clique sur « S'inscrire »
    Et je remplis le formulaire
    Et je clique sur « Continuer »
    Et je clique sur l'image correspondant au mot demandé
    Et je coche « J'accepte les conditions générales d'utilisation » et je clique sur « S'inscrire »
    Alors la page "Votre compte est activé" s'affiche
    Quand je me déconnecte
    Et je me connecte avec mon numéro de Sécurité sociale et mon mot de passe
    Alors « Mon compte » m'accueille par mon prénom et mon nom

  @journey @smoke @franceconnect
  Scénario: Activer son compte avec FranceConnect
    Soit je m'appelle "Inès" "Roux" et j'ai un compte "ameli.fr"
    Quand je me rends sur moncompteformation
    Et je clique sur « Connexion »
    Et je clique sur « S'identifier avec FranceConnect »
    Et je choisis mon compte et je m'y connecte
    Alors la page "Vous êtes connecté(e), Inès Roux" s'affiche
    Quand je continue vers moncompteformation
    Alors FranceConnect me transmet mon nom "Roux" et mon prénom "Inès"
    Quand j'accepte les conditions générales d'utilisation et j'active mon compte
    Alors « Mon compte » m'accueille : "Bonjour Inès Roux"
    Et le message "Votre compte est activé. Vous êtes connecté avec FranceConnect." s'affiche
    Et je suis connecté

  Règle: Le mot de passe comporte 8 caractères dont au moins une majuscule, une minuscule et un chiffre

    Plan du scénario: Un mot de passe qui ne suit pas la règle est refusé
      Soit le formulaire « Remplissez le formulaire » est ouvert
      Quand je remplis le formulaire avec le mot de passe "<mot de passe>"
      Alors la liste du mot de passe indique qu'il manque "<il manque>"
      Quand je clique sur « Continuer »
      Alors le champ « Mot de passe » est refusé : "Votre mot de passe doit comporter 8 caractères dont au moins une majuscule, une minuscule et un chiffre. Il manque : <il manque>."

      Exemples:
        | mot de passe  | il manque                                            |
        | Forma24       | 8 caractères minimum                                 |
        | formation2024 | une lettre majuscule                                 |
        | FORMATION2024 | une lettre minuscule                                 |
        | Formation     | un chiffre                                           |
        | forma         | 8 caractères minimum, une lettre majuscule, un chiffre |

  Règle: Au contrôle de sécurité, on clique sur l'image correspondant au mot demandé

    Scénario: Une image qui ne correspond pas au mot demandé est refusée
      Soit j'ai rempli le formulaire et j'en suis au contrôle de sécurité
      Quand je clique sur une image qui ne correspond pas au mot demandé
      Alors le contrôle de sécurité est refusé : "L'image choisie ne correspond pas au mot demandé. Un nouveau contrôle vous est proposé."
      Et la page "Passez le contrôle de sécurité" s'affiche

  Règle: On clôture son inscription en acceptant les conditions générales d'utilisation

    Scénario: Sans la case cochée, l'inscription est refusée, puis acceptée une fois cochée
      Soit j'en suis à « Clôturez votre inscription »
      Quand je clique sur « S'inscrire » sans cocher la case
      Alors l'inscription est refusée : "Vous devez accepter les conditions générales d'utilisation pour vous inscrire."
      Et je ne suis pas connecté
      Quand je coche « J'accepte les conditions générales d'utilisation » et je clique sur « S'inscrire »
      Alors la page "Votre compte est activé" s'affiche

  Règle: Après 5 tentatives de connexion infructueuses, le compte est bloqué

    Scénario: Le compte est bloqué à la cinquième erreur, même pour le bon mot de passe
      Soit j'ai un compte activé avec mon mot de passe
      Quand je me rends sur moncompteformation
      Et je clique sur « Connexion »
      Et je saisis un mauvais mot de passe 5 fois
      Alors la connexion est refusée : "Votre compte est bloqué après 5 tentatives de connexion infructueuses. Réessayez dans 15 minutes."
      Quand je saisis mon numéro de Sécurité sociale et mon bon mot de passe
      Alors la connexion est refusée : "Votre compte est bloqué après 5 tentatives de connexion infructueuses."
      Et je ne suis pas connecté

    Scénario: Quatre mauvais mots de passe ne bloquent pas le compte
      Soit j'ai un compte activé avec mon mot de passe
      Quand je me rends sur moncompteformation
      Et je clique sur « Connexion »
      Et je saisis un mauvais mot de passe 4 fois
      Alors la connexion est refusée : "Numéro de sécurité sociale ou mot de passe incorrect."
      Quand je saisis mon numéro de Sécurité sociale et mon bon mot de passe
      Alors « Mon compte » m'accueille par mon prénom et mon nom
      Et je suis connecté
