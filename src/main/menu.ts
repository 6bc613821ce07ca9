import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

/** The application menu: the platform's standard roles plus help links to AWS documentation. */
export function buildMenu(platform: NodeJS.Platform): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'MemoryDB authentication guide', click: () => void shell.openExternal('https://docs.aws.amazon.com/memorydb/latest/devguide/auth-iam.html') },
        {
          label: 'Rotating IAM access keys',
          click: () => void shell.openExternal('https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html'),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
