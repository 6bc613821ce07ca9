import { createTheme, darken, DEFAULT_THEME, Notification, type CSSVariablesResolver } from '@mantine/core';

/** One theme for both colour schemes; Mantine follows the OS preference with `auto`. */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 9 keeps white text on filled badges and buttons above WCAG AA for every status colour;
  // autoContrast switches yellow's filled text to dark.
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  components: {
    // Mantine's notification close button has no name of its own (axe: button-name).
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss the message' } } }),
  },
});

const statusColors = ['green', 'red', 'yellow', 'orange', 'blue', 'gray', 'indigo', 'grape'] as const;

/**
 * Mantine's defaults put dimmed text (both schemes) and "light" badges, alerts and the active
 * rail entry below WCAG AA contrast (axe's color-contrast rule flags them); these darker
 * text colours keep every status readable without changing the look.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': DEFAULT_THEME.colors.gray[7],
    '--mantine-primary-color-light-color': darken(DEFAULT_THEME.colors.indigo[9], 0.15),
    ...Object.fromEntries(
      statusColors.flatMap((color) => {
        const text = darken(DEFAULT_THEME.colors[color][9], color === 'yellow' || color === 'orange' ? 0.45 : 0.15);
        return [
          [`--mantine-color-${color}-light-color`, text],
          [`--mantine-color-${color}-outline`, text],
        ];
      }),
    ),
  },
  dark: {
    '--mantine-color-dimmed': DEFAULT_THEME.colors.dark[1],
  },
});
