"""A small help center written as a real one would be (not the demo), the
synonyms its editors would add, and queries as readers type them, each with
the article it must put in the top 3: typos, questions, synonyms, stop
words, accents, in English and French (test_relevance.py)."""

ARTICLES = {
    "reset-password": {
        "en": (
            "Reset a forgotten password",
            "Forgot your password? Get a link to choose a new one.",
            "On the sign-in page, click Forgot password? and enter your email "
            "address. We send you a link to choose a new password; it works "
            "for one hour. No email? Check your spam folder.",
        ),
        "fr": (
            "Réinitialiser un mot de passe oublié",
            "Mot de passe oublié ? Recevez un lien pour en choisir un nouveau.",
            "Sur la page de connexion, cliquez sur Mot de passe oublié ? et "
            "saisissez votre adresse e-mail. Nous vous envoyons un lien valable "
            "une heure pour choisir un nouveau mot de passe.",
        ),
    },
    "change-password": {
        "en": (
            "Change your password",
            "Choose a new password while signed in.",
            "Open Settings, then Security, enter your current password and the "
            "new one twice. Use a long passphrase you do not use elsewhere.",
        ),
        "fr": (
            "Changer votre mot de passe",
            "Choisissez un nouveau mot de passe une fois connecté.",
            "Ouvrez Paramètres, puis Sécurité, saisissez votre mot de passe "
            "actuel et le nouveau deux fois.",
        ),
    },
    "recover-username": {
        "en": (
            "Recover your username",
            "Forgot your username or login details? We email them to you.",
            "Click Forgot username? on the sign-in page and enter your email "
            "address: we send your username to it if it is verified.",
        ),
        "fr": (
            "Retrouver votre nom d’utilisateur",
            "Identifiant perdu ? Nous vous l’envoyons par e-mail.",
            "Cliquez sur Nom d’utilisateur oublié ? sur la page de connexion "
            "et saisissez votre adresse e-mail vérifiée.",
        ),
    },
    "two-step": {
        "en": (
            "Turn on two-step verification",
            "Protect your account with a code from an authenticator app.",
            "In Settings, Security, choose Two-step verification, scan the QR "
            "code with your authenticator app and keep your recovery codes.",
        ),
        "fr": (
            "Activer la validation en deux étapes",
            "Protégez votre compte avec un code d’une application d’authentification.",
            "Dans Paramètres, Sécurité, choisissez Validation en deux étapes, "
            "scannez le code QR et gardez vos codes de secours.",
        ),
    },
    "cant-log-in": {
        "en": (
            "Trouble logging in",
            "Can't log in? Your account may be locked.",
            "After too many attempts your account is locked for 15 minutes. "
            "Check caps lock, allow cookies and try again.",
        ),
        "fr": (
            "Problèmes de connexion",
            "Vous n’arrivez plus à entrer dans votre compte ?",
            "Après trop de tentatives, votre compte est bloqué 15 minutes. "
            "Vérifiez le verrouillage des majuscules et les cookies.",
        ),
    },
    "notifications": {
        "en": (
            "Manage email notifications",
            "Choose which emails we send you, or stop receiving them.",
            "In Settings, Notifications, turn off each kind of email or "
            "unsubscribe from all of them.",
        ),
        "fr": (
            "Gérer les notifications par e-mail",
            "Choisissez les e-mails que nous envoyons, ou ne plus en recevoir.",
            "Dans Paramètres, Notifications, désactivez chaque type d’e-mail ou "
            "désabonnez-vous de tous.",
        ),
    },
    "delete-account": {
        "en": (
            "Delete your account",
            "Close your account for good.",
            "In Settings, Account, choose Delete account. Your data is erased "
            "permanently after 30 days.",
        ),
        "fr": (
            "Supprimer votre compte",
            "Fermez votre compte définitivement.",
            "Dans Paramètres, Compte, choisissez Supprimer le compte. Vos "
            "données sont effacées au bout de 30 jours.",
        ),
    },
    "change-email": {
        "en": (
            "Change your email address",
            "Use a new email address for your account.",
            "In Settings, Account, enter the new address: we send a link to "
            "verify it before it replaces the old one.",
        ),
        "fr": (
            "Modifier votre adresse e-mail",
            "Utilisez une nouvelle adresse mail pour votre compte.",
            "Dans Paramètres, Compte, saisissez la nouvelle adresse : un lien "
            "de vérification vous est envoyé.",
        ),
    },
    "invoices": {
        "en": (
            "Download your invoices",
            "Every payment has an invoice and a receipt.",
            "In Billing, each invoice can be downloaded as a PDF.",
        ),
        "fr": (
            "Télécharger vos factures",
            "Chaque paiement a sa facture et son reçu.",
            "Dans Facturation, chaque facture se télécharge en PDF.",
        ),
    },
    "refund": {
        "en": (
            "Request a refund",
            "Get your money back within 14 days.",
            "Write to us within 14 days of a payment and we refund it in full.",
        ),
        "fr": (
            "Demander un remboursement",
            "Vous êtes remboursé sous 14 jours.",
            "Écrivez-nous dans les 14 jours suivant un paiement : nous le "
            "remboursons intégralement.",
        ),
    },
    "cancel-subscription": {
        "en": (
            "Cancel your subscription",
            "Stop your plan renewing.",
            "In Billing, choose Cancel subscription: your plan stays active "
            "until the end of the billing period.",
        ),
        "fr": (
            "Résilier votre abonnement",
            "Arrêtez le renouvellement de votre formule.",
            "Dans Facturation, choisissez Résilier l’abonnement : il reste "
            "actif jusqu’à la fin de la période.",
        ),
    },
    "export-data": {
        "en": (
            "Export your data",
            "Download all your information in one archive.",
            "In Settings, Privacy, choose Export: we prepare an archive of your "
            "data and email you a link.",
        ),
        "fr": (
            "Exporter vos données",
            "Téléchargez toutes vos informations dans une archive.",
            "Dans Paramètres, Confidentialité, choisissez Exporter : nous "
            "préparons une archive de vos données.",
        ),
    },
    "schedule-message": {
        "en": (
            "Schedule a message",
            "Write now, send later.",
            "In the composer, open the Send menu and choose Schedule message, "
            "then pick a date and time.",
        ),
        "fr": (
            "Programmer l’envoi d’un message",
            "Écrivez maintenant, envoyez plus tard.",
            "Dans l’éditeur, ouvrez le menu Envoyer et choisissez Programmer, "
            "puis une date et une heure.",
        ),
    },
    "dark-mode": {
        "en": (
            "Use dark mode",
            "A dark theme that is easier on the eyes at night.",
            "In Settings, Display, choose Dark.",
        ),
        "fr": (
            "Activer le mode sombre",
            "Un thème foncé, plus reposant le soir.",
            "Dans Paramètres, Affichage, choisissez Sombre.",
        ),
    },
}

SYNONYMS = {
    "en": ["2fa, two-step verification, two-factor authentication", "sign in, log in"],
    "fr": ["mdp, mot de passe", "double authentification, validation en deux étapes"],
}

QUERIES = [
    ("en", "pasword", "reset-password"),
    ("en", "i forgot my password", "reset-password"),
    ("en", "how do i change my password", "change-password"),
    ("en", "acount deletion", "delete-account"),
    ("en", "notifcations", "notifications"),
    ("en", "how to stop getting emails", "notifications"),
    ("en", "2fa", "two-step"),
    ("en", "cannot sign in", "cant-log-in"),
    ("en", "i forgot my login details", "recover-username"),
    ("en", "shedule mesage", "schedule-message"),
    ("en", "send a message later", "schedule-message"),
    ("en", "refund", "refund"),
    ("en", "how can i get my money back", "refund"),
    ("en", "where are my invoices", "invoices"),
    ("en", "recipt", "invoices"),
    ("en", "cancel subscription", "cancel-subscription"),
    ("en", "export my data", "export-data"),
    ("en", "download all my information", "export-data"),
    ("en", "dark theme", "dark-mode"),
    ("en", "change email address", "change-email"),
    ("en", "new e-mail adress", "change-email"),
    ("en", "my account is locked", "cant-log-in"),
    ("en", "what is my username", "recover-username"),
    ("en", "two factor authentication", "two-step"),
    ("en", "authenticator app", "two-step"),
    ("fr", "mot de passe oublié", "reset-password"),
    ("fr", "mdp oublié", "reset-password"),
    ("fr", "changer mon mot de passe", "change-password"),
    ("fr", "connexoin", "cant-log-in"),
    ("fr", "je n'arrive plus à entrer", "cant-log-in"),
    ("fr", "supprimer mon compte", "delete-account"),
    ("fr", "suprimer compte", "delete-account"),
    ("fr", "notifications", "notifications"),
    ("fr", "ne plus recevoir d'e-mails", "notifications"),
    ("fr", "double authentification", "two-step"),
    ("fr", "validation en deux etapes", "two-step"),
    ("fr", "où sont mes factures", "invoices"),
    ("fr", "reçu de paiement", "invoices"),
    ("fr", "remboursement", "refund"),
    ("fr", "rembourssement", "refund"),
    ("fr", "résilier abonnement", "cancel-subscription"),
    ("fr", "arreter le renouvelement", "cancel-subscription"),
    ("fr", "exporter mes données", "export-data"),
    ("fr", "telecharger mes donnees", "export-data"),
    ("fr", "mode sombre", "dark-mode"),
    ("fr", "thème foncé", "dark-mode"),
    ("fr", "programmer un message", "schedule-message"),
    ("fr", "envoyer plus tard", "schedule-message"),
    ("fr", "nom d'utilisateur oublié", "recover-username"),
    ("fr", "changer adresse mail", "change-email"),
    ("fr", "identifiant perdu", "recover-username"),
]
